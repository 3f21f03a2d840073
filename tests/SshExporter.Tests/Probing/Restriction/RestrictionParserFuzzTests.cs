using System.Net;
using CsCheck;
using SshExporter.Probing;
using SshExporter.Probing.Restriction;

namespace SshExporter.Tests.Probing.Restriction;

/// <summary>
/// Property tests of the two config parsers of <c>allowed_targets</c> over random and mutated text: they never throw,
/// an accepted network reads back the same from its own text and holds its own base address, an accepted pattern
/// names a valid host and matches without regard to case, a wildcard never its bare suffix.
/// </summary>
public class RestrictionParserFuzzTests
{
    private const int Iterations = 10_000;

    private static readonly Gen<string> NetworkText = Gen.OneOf(
        Gen.Char["0123456789abcdefx.:/%[]"].Array[0, 50].Select(chars => new string(chars)),
        Gen.Select(Gen.UInt, Gen.Int[0, 40]).Select((address, prefix) => $"{new IPAddress(address)}/{prefix}"),
        Gen.String);

    private static readonly Gen<string> PatternText = Gen.OneOf(
        Gen.Char["*.abcxyz019-_:"].Array[0, 30].Select(chars => new string(chars)),
        Gen.String);

    [Fact]
    public void Random_networks_never_throw_and_what_is_accepted_reads_back_the_same() =>
        NetworkText.Sample(text =>
        {
            if (!TargetNetwork.TryParse(text, out var network, out string error))
            {
                return error.Length is > 0 and <= 400;
            }

            Assert.True(TargetNetwork.TryParse(network.ToString(), out var again, out error), error);
            return again.Equals(network) && network.Contains(network.BaseAddress);
        }, iter: Iterations);

    [Fact]
    public void Random_patterns_never_throw_and_match_as_documented() =>
        Gen.Select(PatternText, Gen.Char["abcxyz019-_."].Array[1, 30].Select(chars => new string(chars))).Sample((text, name) =>
        {
            if (!HostPattern.TryParse(text, out var pattern, out string error))
            {
                return error.Length is > 0 and <= 400;
            }

            Assert.True(TargetAddress.TryParse(pattern!.Name, out var target, out error) && target!.Literal is null, error);
            // A pattern matches itself (an exact one) or a name one label below its suffix (a wildcard).
            string example = pattern.Wildcard ? "x." + pattern.Name : pattern.Name;
            Assert.True(pattern.Matches(example.ToUpperInvariant()), $"{text} does not match {example}");
            Assert.Equal(!pattern.Wildcard, pattern.Matches(pattern.Name));
            return pattern.Matches(name) == pattern.Matches(name.ToUpperInvariant());
        }, iter: Iterations);
}
