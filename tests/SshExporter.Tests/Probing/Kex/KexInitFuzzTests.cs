using CsCheck;
using SshExporter.Probing.Kex;
using SshExporter.Probing.Wire;

namespace SshExporter.Tests.Probing.Kex;

/// <summary>
/// Property tests of the packet framing and the KEXINIT parser over random, truncated and mutated packets: no
/// exception escapes. Both work on spans, whose every index and slice is bounds-checked, so any attempt to read
/// past the bytes given would throw; an exception-free run is also a run that never read out of bounds. CsCheck
/// prints the seed and the smallest failing input when one fails.
/// </summary>
public class KexInitFuzzTests
{
    private const int Iterations = 20_000;

    private static readonly byte[][] Captured =
        [.. new[] { KexInitPackets.OpenSsh92Default, KexInitPackets.OpenSsh92Weak, KexInitPackets.OpenSsh100Default }.Select(KexInitPackets.Captured)];

    [Fact]
    public void Random_bytes_never_throw() =>
        Gen.Byte.Array[0, 2048].Sample(bytes => { Parse(bytes); }, iter: Iterations);

    [Fact]
    public void Random_payloads_after_the_KEXINIT_message_number_in_a_well_framed_packet_never_throw() =>
        Gen.Byte.Array[0, 2048].Sample(tail => { Parse(KexInitPackets.Frame([KexInit.MessageNumber, .. tail])); }, iter: Iterations);

    [Fact]
    public void Every_truncation_of_a_real_packet_is_refused_without_throwing() =>
        Gen.Select(Gen.Int[0, Captured.Length - 1], Gen.Int[0, 1135]).Sample((which, cut) =>
        {
            byte[] packet = Captured[which];
            cut = Math.Min(cut, packet.Length - 1);
            return !Parse(packet.AsSpan(0, cut));
        }, iter: Iterations);

    [Fact]
    public void Real_packets_with_random_bytes_overwritten_never_throw() =>
        Gen.Select(Gen.Int[0, Captured.Length - 1], Gen.Select(Gen.Int[0, 1135], Gen.Byte).Array[1, 16]).Sample((which, edits) =>
        {
            byte[] packet = [.. Captured[which]];
            foreach (var (at, value) in edits)
            {
                packet[at % packet.Length] = value;
            }

            Parse(packet);
        }, iter: Iterations);

    [Fact]
    public void Real_payloads_with_a_name_list_length_rewritten_never_throw_and_never_reach_past_the_payload() =>
        Gen.Select(Gen.Int[0, Captured.Length - 1], Gen.Int[0, 9], Gen.UInt).Sample((which, list, length) =>
        {
            Assert.True(BinaryPacket.TryGetPayloadOfPacket(Captured[which], out var real, out _));
            byte[] payload = real.ToArray();
            int at = LengthFieldOf(payload, list);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(at), length);
            bool parsed = KexInit.TryParse(payload, out var offer, out _);
            // A list that claims more than the payload holds must be refused, not read into what follows the payload.
            return length <= (uint)(payload.Length - at - 4) || !parsed && offer is null;
        }, iter: Iterations);

    [Fact]
    public void Payloads_built_from_random_name_lists_parse_back_to_the_same_names() =>
        Gen.String[Gen.Char['a', 'z'], 1, 12].Array[0, 6].Array[10].Sample(lists =>
        {
            byte[] packet = KexInitPackets.Frame(KexInitPackets.Payload([.. lists.Select(names => string.Join(',', names))]));
            Assert.True(BinaryPacket.TryGetPayloadOfPacket(packet, out var payload, out string error), error);
            Assert.True(KexInit.TryParse(payload, out var offer, out error), error);
            for (int i = 0; i < lists.Length; i++)
            {
                Assert.Equal(lists[i], offer.Lists[i]);
            }
        }, iter: 2_000);

    /// <summary>The whole packet through both parsers, as the reader runs them, plus the verdicts.</summary>
    private static bool Parse(ReadOnlySpan<byte> packet)
    {
        if (!BinaryPacket.TryGetPayloadOfPacket(packet, out var payload, out _) || !KexInit.TryParse(payload, out var offer, out _))
        {
            return false;
        }

        AlgorithmVerdicts.Judge(offer);
        return true;
    }

    private static int LengthFieldOf(byte[] payload, int list)
    {
        int at = 17;
        for (int i = 0; i < list; i++)
        {
            at += 4 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(at));
        }

        return at;
    }
}
