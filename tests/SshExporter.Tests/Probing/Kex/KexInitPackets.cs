using System.Buffers.Binary;
using System.Text;
using SshExporter.Probing.Wire;

namespace SshExporter.Tests.Probing.Kex;

/// <summary>
/// KEXINIT packets for the tests: the ones real sshds sent (testdata/kexinit, described in its README), and ones
/// built from name-lists, framed as RFC 4253 §6 frames an unencrypted packet.
/// </summary>
internal static class KexInitPackets
{
    public const string OpenSsh92Default = "openssh-9.2p1-default.bin";
    public const string OpenSsh92Weak = "openssh-9.2p1-weak.bin";
    public const string OpenSsh100Default = "openssh-10.0p2-default.bin";

    public static byte[] Captured(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "kexinit", file));

    /// <summary>A captured packet's payload, through the same framing checks the reader makes.</summary>
    public static byte[] CapturedPayload(string file)
    {
        Assert.True(BinaryPacket.TryGetPayloadOfPacket(Captured(file), out var payload, out string error), error);
        return payload.ToArray();
    }

    /// <summary>A KEXINIT offer as a server would send it: the same ciphers, MACs and compression both ways.</summary>
    public static KexInit Offer(string kex = "curve25519-sha256", string hostKeys = "ssh-ed25519", string ciphers = "aes128-ctr", string macs = "hmac-sha2-256-etm@openssh.com") =>
        new([Names(kex), Names(hostKeys), Names(ciphers), Names(ciphers), Names(macs), Names(macs), ["none"], ["none"], [], []], firstKexPacketFollows: false);

    /// <summary>The payload of <see cref="Offer"/>'s arguments: byte 20, a cookie, ten name-lists, false, 0.</summary>
    public static byte[] Payload(string kex = "curve25519-sha256", string hostKeys = "ssh-ed25519", string ciphers = "aes128-ctr", string macs = "hmac-sha2-256-etm@openssh.com") =>
        Payload([kex, hostKeys, ciphers, ciphers, macs, macs, "none", "none", "", ""]);

    public static byte[] Payload(IReadOnlyList<string> lists)
    {
        var payload = new List<byte> { KexInit.MessageNumber };
        payload.AddRange(Enumerable.Range(1, 16).Select(i => (byte)i));
        foreach (string list in lists)
        {
            payload.AddRange(UInt32(list.Length));
            payload.AddRange(Encoding.ASCII.GetBytes(list));
        }

        payload.Add(0);
        payload.AddRange(UInt32(0));
        return [.. payload];
    }

    /// <summary>The payload framed as an unencrypted packet: length, padding length, payload, 4 to 11 bytes of padding.</summary>
    public static byte[] Frame(byte[] payload)
    {
        int padding = 8 - ((4 + 1 + payload.Length) % 8);
        padding += padding < 4 ? 8 : 0;
        return [.. UInt32(1 + payload.Length + padding), (byte)padding, .. payload, .. new byte[padding]];
    }

    /// <summary>A length field announcing <paramref name="length"/> bytes, and nothing after it.</summary>
    public static byte[] UInt32(int length)
    {
        var field = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(field, (uint)length);
        return field;
    }

    private static string[] Names(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
