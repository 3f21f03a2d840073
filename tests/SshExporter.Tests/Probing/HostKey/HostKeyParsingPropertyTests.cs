using System.Security.Cryptography;
using SshExporter.Probing.HostKey;
using SshExporter.Probing.Wire;

namespace SshExporter.Tests.Probing.HostKey;

/// <summary>
/// What a hostile server sends reaches the parsers as it is: random bytes, truncated and bit-flipped messages never
/// make them throw anything but the stage's own refusal, nor read past what they were given (a read past the end of
/// a span throws, so the same property covers it). A fixed seed makes a failure repeatable.
/// </summary>
public class HostKeyParsingPropertyTests
{
    private const int Rounds = 5000;

    [Fact]
    public void A_KEXINIT_truncated_anywhere_or_with_any_byte_changed_parses_or_is_refused()
    {
        var random = new Random(20261203);
        byte[] valid = ClientKexInit.Create(KeyExchangeMethod.Names, [.. HostKeyAlgorithm.Supported.Select(a => a.Name)]).Payload;
        Assert.True(KexInit.TryParse(valid, out var parsed, out _));
        Assert.Equal(valid, parsed.Payload);

        for (int length = 0; length < valid.Length; length++)
        {
            Assert.False(KexInit.TryParse(valid.AsSpan(0, length), out _, out string error));
            Assert.NotEmpty(error);
        }

        for (int i = 0; i < Rounds; i++)
        {
            byte[] changed = [.. valid];
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                changed[random.Next(changed.Length)] = (byte)random.Next(256);
            }

            _ = KexInit.TryParse(changed, out _, out _);
            _ = KexInit.TryParse(RandomBytes(random, 64), out _, out _);
        }
    }

    [Fact]
    public void Random_and_truncated_host_keys_and_signatures_are_refused_for_every_algorithm()
    {
        var random = new Random(7);
        byte[] hash = SHA256.HashData("exchange"u8);
        foreach (var algorithm in HostKeyAlgorithm.Supported)
        {
            byte[] typedKey = Blob(algorithm.KeyType, RandomBytes(random, 300));
            for (int i = 0; i < Rounds / 10; i++)
            {
                byte[] key = random.Next(2) == 0 ? RandomBytes(random, 600) : typedKey[..random.Next(typedKey.Length + 1)];
                byte[] signature = random.Next(2) == 0 ? RandomBytes(random, 300) : Blob(algorithm.Name, RandomBytes(random, 300));

                Assert.Throws<HostKeyExchangeException>(() => HostKeySignature.Verify(algorithm, key, signature, hash));
            }
        }
    }

    [Fact]
    public void A_server_public_value_of_any_shape_gives_a_secret_or_is_refused()
    {
        var random = new Random(11);
        foreach (string name in KeyExchangeMethod.Names)
        {
            using var exchange = KeyExchangeMethod.Create(name);
            int length = exchange.ClientPublic.Length;
            for (int i = 0; i < Rounds / 50; i++)
            {
                byte[] candidate = random.Next(2) == 0 ? RandomBytes(random, length + 2) : [.. exchange.ClientPublic[..1], .. RandomBytes(random, length - 1, exact: true)];
                ParsesOrIsRefused(() => exchange.SharedSecret(candidate));
            }

            // Its own public value is a valid point, so the exchange with itself succeeds.
            Assert.NotEmpty(exchange.SharedSecret(exchange.ClientPublic));
        }
    }

    [Fact]
    public void Random_known_hosts_lines_parse_or_are_refused_with_a_reason()
    {
        var random = new Random(3);
        const string alphabet = " \t|@,!*?[]:#abcAB01=+/";
        for (int i = 0; i < Rounds; i++)
        {
            string line = new([.. Enumerable.Range(0, random.Next(80)).Select(_ => alphabet[random.Next(alphabet.Length)])]);

            bool parsed = KnownHostsLine.TryParse(line, "file:1", out var entry, out string error);

            Assert.True(parsed || error.StartsWith("file:1: ", StringComparison.Ordinal), $"'{line}': {error}");
            if (entry is not null)
            {
                _ = entry.Hosts.Matches("db1.example.invalid", "db1.example.invalid"u8.ToArray());
            }
        }
    }

    private static void ParsesOrIsRefused(Action parse)
    {
        try
        {
            parse();
        }
        catch (HostKeyExchangeException)
        {
            // Refused with a reason: what the stage reports.
        }
    }

    private static byte[] RandomBytes(Random random, int maxLength, bool exact = false)
    {
        var bytes = new byte[exact ? maxLength : random.Next(maxLength + 1)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Blob(string name, byte[] rest)
    {
        byte[] ascii = System.Text.Encoding.ASCII.GetBytes(name);
        return [0, 0, 0, (byte)ascii.Length, .. ascii, .. rest];
    }
}
