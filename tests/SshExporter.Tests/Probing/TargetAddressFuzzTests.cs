using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CsCheck;
using SshExporter.Probing;

namespace SshExporter.Tests.Probing;

/// <summary>
/// Property tests of the target parser over random strings, mutations of valid targets and every numeric way of
/// writing IPv4: it never throws, whatever it accepts reads back the same from its own <c>ToString</c>, an
/// accepted IPv4 literal is always a canonical dotted quad, an accepted name is nothing <c>IPAddress.TryParse</c>
/// (inet_aton's rules) would read as an address, and every error is one short line of printable ASCII.
/// </summary>
public class TargetAddressFuzzTests
{
    private const int Iterations = 20_000;

    private static readonly string[] ValidTargets =
    [
        "db1.example.com:2222", "localhost", "127.0.0.1:22", "[::1]:2500", "[2001:db8::1]", "[::ffff:192.0.2.1]:22",
        "host_with_underscore.example.com", "a.b-c.d:65535", "xn--bcher-kva.example:22", "0.0.0.0",
    ];

    /// <summary>Characters that matter to the parser, plus some that never should get through.</summary>
    private static readonly Gen<char> TargetChar = Gen.OneOf(
        OneOf(".:[]%/@-_*xX01789afg".ToCharArray()),
        Gen.Char['0', '9'],
        Gen.Char['a', 'z'],
        Gen.Char[' ', '~'],
        Gen.Char);

    [Fact]
    public void Random_strings_never_throw_and_what_is_accepted_is_sound() =>
        Gen.OneOf(TargetChar.Array[0, 80].Select(chars => new string(chars)), Gen.String).Sample(Check, iter: Iterations);

    [Fact]
    public void Mutations_of_valid_targets_never_throw_and_what_is_accepted_is_sound() =>
        Gen.Select(OneOf(ValidTargets), Gen.Select(Gen.Int[0, 3], Gen.Int[0, 40], TargetChar).Array[1, 6]).Sample((valid, edits) =>
        {
            var text = new System.Text.StringBuilder(valid);
            foreach (var (kind, at, c) in edits)
            {
                int i = at % (text.Length + 1);
                switch (kind)
                {
                    case 0: text.Insert(i, c); break;
                    case 1 when i < text.Length: text.Remove(i, 1); break;
                    case 2 when i < text.Length: text[i] = c; break;
                    default: text.Insert(i, new string(c, 1 + (at % 3))); break;
                }
            }

            Check(text.ToString());
        }, iter: Iterations);

    /// <summary>One to four parts, each in decimal, octal or hex, that together mean <c>address</c>, as inet_aton reads them.</summary>
    private static readonly Gen<(uint Address, string Text)> NumericIpv4 =
        Gen.Select(Gen.UInt, Gen.Int[1, 4], Gen.Int[0, 2].Array[4], Gen.Int[0, 2].Array[4]).Select((address, parts, bases, zeros) =>
        {
            var values = new List<ulong>();
            for (int i = 0; i < parts - 1; i++)
            {
                values.Add((address >> (24 - (8 * i))) & 0xff);
            }

            values.Add(address & (parts == 1 ? 0xffffffffUL : (1UL << (8 * (5 - parts))) - 1));
            string text = string.Join('.', values.Select((value, i) => bases[i] switch
            {
                0 => value.ToString(CultureInfo.InvariantCulture),
                1 => "0" + new string('0', zeros[i]) + Convert.ToString((long)value, 8),
                _ => (zeros[i] == 1 ? "0X" : "0x") + new string('0', zeros[i]) + value.ToString("x", CultureInfo.InvariantCulture),
            }));
            return (address, text);
        });

    [Fact]
    public void Every_numeric_form_of_IPv4_is_taken_only_as_its_dotted_quad_and_otherwise_named() =>
        NumericIpv4.Sample((address, text) =>
        {
            string quad = new IPAddress(BitConverter.GetBytes(address).Reverse().ToArray()).ToString();
            // The meaning assumed is the one the resolver gives the text.
            Assert.True(IPAddress.TryParse(text, out var resolved), text);
            Assert.Equal(quad, resolved.ToString());

            bool accepted = TargetAddress.TryParse(text, out var target, out string error);

            Assert.Equal(text == quad, accepted);
            if (accepted)
            {
                Assert.Equal(quad, target!.Host);
            }
            else
            {
                Assert.Equal($"'{text}' is IPv4 in an unusual form that means {quad}; write {quad}", error);
            }

            Check(text);
        }, iter: Iterations);

    private static Gen<T> OneOf<T>(T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static void Check(string input)
    {
        if (!TargetAddress.TryParse(input, out var target, out string error))
        {
            Assert.Null(target);
            Assert.InRange(error.Length, 1, 200);
            Assert.All(error, c => Assert.InRange(c, ' ', '~'));
            return;
        }

        Assert.Equal("", error);
        Assert.InRange(target!.Port, 1, 65535);
        Assert.True(TargetAddress.TryParse(target.ToString(), out var again, out error), $"{input} → {target} does not parse back: {error}");
        Assert.Equal(target, again);

        if (IPAddress.TryParse(target.Host, out var address))
        {
            // Only canonical IPv4; IPv6 only as written in brackets.
            Assert.Equal(address.AddressFamily == AddressFamily.InterNetwork ? address.ToString() : target.Host, target.Host);
            Assert.Equal(address, target.Literal);
        }
        else
        {
            Assert.Null(target.Literal);
            Assert.True(target.Host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'), target.Host);
            Assert.InRange(target.Host.Length, 1, 253);
        }
    }
}
