using SshExporter.Probing.Wire;

namespace SshExporter.Tests.Probing.Kex;

/// <summary>The KEXINIT payload parser (RFC 4253 §7.1) on what real sshds sent, and on payloads broken on purpose.</summary>
public class KexInitTests
{
    [Fact]
    public void OpenSSH_9_2s_KEXINIT_parses_into_its_ten_lists_in_wire_order()
    {
        Assert.True(KexInit.TryParse(KexInitPackets.CapturedPayload(KexInitPackets.OpenSsh92Default), out var offer, out string error), error);

        Assert.Equal(
            ["sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "curve25519-sha256@libssh.org",
                "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256",
                "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256", "kex-strict-s-v00@openssh.com"],
            offer.KexAlgorithms);
        Assert.Equal(["ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256", "ecdsa-sha2-nistp256"], offer.ServerHostKeyAlgorithms);
        string[] ciphers = ["chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com"];
        Assert.Equal(ciphers, offer.EncryptionClientToServer);
        Assert.Equal(ciphers, offer.EncryptionServerToClient);
        string[] macs =
        [
            "umac-64-etm@openssh.com", "umac-128-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
            "hmac-sha1-etm@openssh.com", "umac-64@openssh.com", "umac-128@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1",
        ];
        Assert.Equal(macs, offer.MacClientToServer);
        Assert.Equal(macs, offer.MacServerToClient);
        Assert.Equal(["none", "zlib@openssh.com"], offer.CompressionClientToServer);
        Assert.Equal(["none", "zlib@openssh.com"], offer.CompressionServerToClient);
        Assert.Empty(offer.LanguagesClientToServer);
        Assert.Empty(offer.LanguagesServerToClient);
        Assert.False(offer.FirstKexPacketFollows);
    }

    [Fact]
    public void OpenSSH_10_0s_KEXINIT_offers_ML_KEM_first_and_no_finite_field_groups()
    {
        Assert.True(KexInit.TryParse(KexInitPackets.CapturedPayload(KexInitPackets.OpenSsh100Default), out var offer, out string error), error);

        Assert.Equal(
            ["mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com", "curve25519-sha256",
                "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "ext-info-s",
                "kex-strict-s-v00@openssh.com"],
            offer.KexAlgorithms);
        Assert.Equal(["chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr"],
            offer.EncryptionServerToClient);
    }

    [Fact]
    public void OpenSSH_9_2_configured_with_weak_algorithms_offers_exactly_those()
    {
        Assert.True(KexInit.TryParse(KexInitPackets.CapturedPayload(KexInitPackets.OpenSsh92Weak), out var offer, out string error), error);

        Assert.Equal(
            ["diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "curve25519-sha256", "kex-strict-s-v00@openssh.com"],
            offer.KexAlgorithms);
        Assert.Equal(["ssh-ed25519", "ssh-rsa", "ssh-dss"], offer.ServerHostKeyAlgorithms);
        Assert.Equal(["aes128-ctr", "aes128-cbc", "3des-cbc"], offer.EncryptionServerToClient);
        Assert.Equal(["hmac-sha2-256-etm@openssh.com", "hmac-sha1", "hmac-md5", "umac-64@openssh.com"], offer.MacServerToClient);
    }

    [Theory]
    [InlineData("a,,b", new[] { "a", "b" })]
    [InlineData(",a,", new[] { "a" })]
    [InlineData("", new string[0])]
    [InlineData("with space,tab\there", new[] { "with?space", "tab?here" })]
    public void Empty_names_are_dropped_and_bytes_outside_printable_ASCII_become_question_marks(string list, string[] names)
    {
        byte[] payload = KexInitPackets.Payload([list, "", "", "", "", "", "", "", "", ""]);

        Assert.True(KexInit.TryParse(payload, out var offer, out string error), error);
        Assert.Equal(names, offer.KexAlgorithms);
    }

    [Fact]
    public void A_byte_above_ASCII_becomes_a_question_mark()
    {
        byte[] payload = KexInitPackets.Payload();
        int at = Array.IndexOf(payload, (byte)'c'); // the first letter of curve25519-sha256
        payload[at] = 0xe9;

        Assert.True(KexInit.TryParse(payload, out var offer, out string error), error);
        Assert.Equal("?urve25519-sha256", offer.KexAlgorithms[0]);
    }

    [Fact]
    public void The_reserved_field_and_bytes_after_it_are_ignored_as_OpenSSH_ignores_them()
    {
        byte[] payload = [.. KexInitPackets.Payload()[..^4], 0, 0, 0, 7, 1, 2, 3];

        Assert.True(KexInit.TryParse(payload, out _, out string error), error);
    }

    [Fact]
    public void First_kex_packet_follows_is_read()
    {
        byte[] payload = KexInitPackets.Payload();
        payload[^5] = 1;

        Assert.True(KexInit.TryParse(payload, out var offer, out _));
        Assert.True(offer.FirstKexPacketFollows);
    }

    [Fact]
    public void Every_cut_short_payload_is_refused_with_a_reason()
    {
        byte[] payload = KexInitPackets.CapturedPayload(KexInitPackets.OpenSsh92Default);

        for (int length = 0; length < payload.Length - 4; length++)
        {
            Assert.False(KexInit.TryParse(payload.AsSpan(0, length), out var offer, out string error), $"accepted {length} of {payload.Length} bytes");
            Assert.Null(offer);
            Assert.NotEmpty(error);
        }
    }

    [Theory]
    [InlineData(21, "message 21, not KEXINIT (20)")]
    [InlineData(1, "message 1, not KEXINIT (20)")]
    public void Another_message_is_not_a_KEXINIT(byte message, string reason)
    {
        byte[] payload = KexInitPackets.Payload();
        payload[0] = message;

        Assert.False(KexInit.TryParse(payload, out _, out string error));
        Assert.Equal(reason, error);
    }

    [Theory]
    [InlineData(0x7fffffff)]
    [InlineData(-1)]
    [InlineData(200)]
    public void A_name_list_that_claims_more_bytes_than_remain_is_refused(int claimed)
    {
        byte[] payload = KexInitPackets.Payload();
        KexInitPackets.UInt32(claimed).CopyTo(payload, 17); // after the message number and the cookie

        Assert.False(KexInit.TryParse(payload, out _, out string error));
        Assert.Contains("kex_algorithms", error, StringComparison.Ordinal);
    }
}
