using SshExporter.Probing.Kex;
using SshExporter.Probing.Wire;

namespace SshExporter.Tests.Probing.Kex;

/// <summary>The verdicts on a server's offer, as tables, and on what real sshds offered.</summary>
public class AlgorithmVerdictsTests
{
    private const string ModernKex = "curve25519-sha256";
    private const string ModernCipher = "aes128-ctr";
    private const string ModernMac = "hmac-sha2-256";

    [Fact]
    public void The_categories_are_a_fixed_set_of_distinct_snake_case_labels()
    {
        string[] labels = [.. WeakAlgorithmCategories.All.Select(c => c.ToLabel())];

        Assert.Equal(
            ["kex_sha1", "kex_1024bit_group", "host_key_sha1", "host_key_dsa", "cipher_cbc", "cipher_3des", "cipher_rc4", "mac_md5", "mac_sha1",
                "mac_64bit_tag", "none_algorithms"],
            labels);
    }

    [Fact]
    public void Stock_OpenSSH_9_2_offers_strict_and_post_quantum_kex_is_not_open_to_Terrapin_and_offers_SHA_1_and_64_bit_MACs()
    {
        var verdicts = Judge(KexInitPackets.OpenSsh92Default);

        Assert.True(verdicts.StrictKexOffered);
        Assert.True(verdicts.PostQuantumOffered);
        Assert.False(verdicts.TerrapinVulnerable);
        Assert.Equal([WeakAlgorithmCategory.MacSha1, WeakAlgorithmCategory.Mac64BitTag], Offered(verdicts));
        Assert.Equal(["hmac-sha1-etm@openssh.com", "hmac-sha1"], verdicts.WeakNames[(int)WeakAlgorithmCategory.MacSha1]);
    }

    [Fact]
    public void Stock_OpenSSH_10_0_offers_strict_and_post_quantum_kex_and_the_same_MACs()
    {
        var verdicts = Judge(KexInitPackets.OpenSsh100Default);

        Assert.True(verdicts.StrictKexOffered);
        Assert.True(verdicts.PostQuantumOffered);
        Assert.False(verdicts.TerrapinVulnerable);
        Assert.Equal([WeakAlgorithmCategory.MacSha1, WeakAlgorithmCategory.Mac64BitTag], Offered(verdicts));
    }

    [Fact]
    public void OpenSSH_9_2_configured_with_weak_algorithms_is_caught_in_every_category_it_offers()
    {
        var verdicts = Judge(KexInitPackets.OpenSsh92Weak);

        Assert.True(verdicts.StrictKexOffered); // sshd adds the marker whatever KexAlgorithms says
        Assert.False(verdicts.PostQuantumOffered);
        Assert.False(verdicts.TerrapinVulnerable);
        Assert.Equal(
            [
                WeakAlgorithmCategory.KexSha1, WeakAlgorithmCategory.Kex1024BitGroup, WeakAlgorithmCategory.HostKeySha1, WeakAlgorithmCategory.HostKeyDsa,
                WeakAlgorithmCategory.CipherCbc, WeakAlgorithmCategory.Cipher3Des, WeakAlgorithmCategory.MacMd5, WeakAlgorithmCategory.MacSha1,
                WeakAlgorithmCategory.Mac64BitTag,
            ],
            Offered(verdicts));
        Assert.Equal(["diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1"],
            verdicts.WeakNames[(int)WeakAlgorithmCategory.KexSha1]);
        Assert.Equal(["aes128-cbc", "3des-cbc"], verdicts.WeakNames[(int)WeakAlgorithmCategory.CipherCbc]);
    }

    [Theory]
    [InlineData("kex-strict-s-v00@openssh.com,curve25519-sha256", true)]
    [InlineData("curve25519-sha256,kex-strict-s-v00@openssh.com", true)]
    [InlineData("curve25519-sha256", false)]
    [InlineData("curve25519-sha256,kex-strict-c-v00@openssh.com", false)] // the client's marker, not the server's
    [InlineData("curve25519-sha256,KEX-STRICT-S-V00@OPENSSH.COM", false)] // names are case-sensitive
    public void Strict_kex_is_the_servers_marker_in_the_kex_list(string kex, bool strict) =>
        Assert.Equal(strict, AlgorithmVerdicts.Judge(KexInitPackets.Offer(kex: kex)).StrictKexOffered);

    [Theory]
    [InlineData("mlkem768x25519-sha256", true)]
    [InlineData("sntrup761x25519-sha512", true)]
    [InlineData("sntrup761x25519-sha512@openssh.com", true)]
    [InlineData("mlkem768nistp256-sha256", true)]
    [InlineData("mlkem1024nistp384-sha384", true)]
    [InlineData("curve25519-sha256,ecdh-sha2-nistp256", false)]
    [InlineData("sntrup4591761x25519-sha512@tinyssh.org", false)] // withdrawn
    [InlineData("x25519-kyber-512r3-sha256-d00@amazon.com", false)] // a round-3 Kyber draft, not ML-KEM
    public void Post_quantum_kex_is_one_of_the_hybrid_methods(string kex, bool postQuantum) =>
        Assert.Equal(postQuantum, AlgorithmVerdicts.Judge(KexInitPackets.Offer(kex: kex)).PostQuantumOffered);

    /// <summary>ssh-audit's rule for CVE-2023-48795, row by row.</summary>
    [Theory]
    [InlineData(ModernKex, "chacha20-poly1305@openssh.com", ModernMac, true)]
    [InlineData(ModernKex, "aes128-cbc", "hmac-sha2-256-etm@openssh.com", true)]
    [InlineData(ModernKex, "aes256-ctr,rijndael-cbc@lysator.liu.se", "hmac-sha2-256,umac-128-etm@openssh.com", true)]
    [InlineData(ModernKex, "aes128-cbc", "hmac-sha2-256", false)] // CBC without an encrypt-then-MAC MAC
    [InlineData(ModernKex, "aes128-ctr,aes256-gcm@openssh.com", "hmac-sha2-256-etm@openssh.com", false)] // -etm without CBC
    [InlineData("curve25519-sha256,kex-strict-s-v00@openssh.com", "chacha20-poly1305@openssh.com", ModernMac, false)]
    [InlineData("curve25519-sha256,kex-strict-s-v00@openssh.com", "aes128-cbc", "hmac-sha1-etm@openssh.com", false)]
    public void Terrapin_needs_no_strict_kex_and_chacha20_or_CBC_with_an_etm_MAC(string kex, string ciphers, string macs, bool vulnerable) =>
        Assert.Equal(vulnerable, AlgorithmVerdicts.Judge(KexInitPackets.Offer(kex: kex, ciphers: ciphers, macs: macs)).TerrapinVulnerable);

    [Fact]
    public void Terrapin_reads_the_server_to_client_lists_as_ssh_audit_does()
    {
        string[] modern = [ModernCipher];
        var offer = new KexInit([[ModernKex], ["ssh-ed25519"], ["chacha20-poly1305@openssh.com"], modern, [ModernMac], [ModernMac], ["none"], ["none"], [], []], false);

        Assert.False(AlgorithmVerdicts.Judge(offer).TerrapinVulnerable);
    }

    [Theory]
    [InlineData("kex", "diffie-hellman-group1-sha1", WeakAlgorithmCategory.KexSha1)]
    [InlineData("kex", "diffie-hellman-group14-sha1", WeakAlgorithmCategory.KexSha1)]
    [InlineData("kex", "diffie-hellman-group-exchange-sha1", WeakAlgorithmCategory.KexSha1)]
    [InlineData("kex", "gss-gex-sha1-toWM5Slw5Ew8Mqkay+al2g==", WeakAlgorithmCategory.KexSha1)]
    [InlineData("kex", "gss-group14-sha1-toWM5Slw5Ew8Mqkay+al2g==", WeakAlgorithmCategory.KexSha1)]
    [InlineData("kex", "rsa1024-sha1", WeakAlgorithmCategory.KexSha1)]
    [InlineData("kex", "diffie-hellman-group1-sha1", WeakAlgorithmCategory.Kex1024BitGroup)]
    [InlineData("kex", "diffie-hellman-group1-sha256", WeakAlgorithmCategory.Kex1024BitGroup)]
    [InlineData("kex", "gss-group1-sha1-toWM5Slw5Ew8Mqkay+al2g==", WeakAlgorithmCategory.Kex1024BitGroup)]
    [InlineData("hostKeys", "ssh-rsa", WeakAlgorithmCategory.HostKeySha1)]
    [InlineData("hostKeys", "ssh-rsa-cert-v01@openssh.com", WeakAlgorithmCategory.HostKeySha1)]
    [InlineData("hostKeys", "ssh-dss", WeakAlgorithmCategory.HostKeyDsa)]
    [InlineData("hostKeys", "ssh-dss-cert-v01@openssh.com", WeakAlgorithmCategory.HostKeyDsa)]
    [InlineData("ciphers", "aes128-cbc", WeakAlgorithmCategory.CipherCbc)]
    [InlineData("ciphers", "aes256-cbc", WeakAlgorithmCategory.CipherCbc)]
    [InlineData("ciphers", "rijndael-cbc@lysator.liu.se", WeakAlgorithmCategory.CipherCbc)]
    [InlineData("ciphers", "camellia128-cbc@openssh.org", WeakAlgorithmCategory.CipherCbc)]
    [InlineData("ciphers", "3des-cbc", WeakAlgorithmCategory.CipherCbc)]
    [InlineData("ciphers", "3des-cbc", WeakAlgorithmCategory.Cipher3Des)]
    [InlineData("ciphers", "3des-ctr", WeakAlgorithmCategory.Cipher3Des)]
    [InlineData("ciphers", "arcfour", WeakAlgorithmCategory.CipherRc4)]
    [InlineData("ciphers", "arcfour256", WeakAlgorithmCategory.CipherRc4)]
    [InlineData("macs", "hmac-md5", WeakAlgorithmCategory.MacMd5)]
    [InlineData("macs", "hmac-md5-96-etm@openssh.com", WeakAlgorithmCategory.MacMd5)]
    [InlineData("macs", "hmac-sha1", WeakAlgorithmCategory.MacSha1)]
    [InlineData("macs", "hmac-sha1-96", WeakAlgorithmCategory.MacSha1)]
    [InlineData("macs", "hmac-sha1-etm@openssh.com", WeakAlgorithmCategory.MacSha1)]
    [InlineData("macs", "umac-64@openssh.com", WeakAlgorithmCategory.Mac64BitTag)]
    [InlineData("macs", "umac-64-etm@openssh.com", WeakAlgorithmCategory.Mac64BitTag)]
    [InlineData("ciphers", "none", WeakAlgorithmCategory.NoneAlgorithms)]
    [InlineData("macs", "none", WeakAlgorithmCategory.NoneAlgorithms)]
    public void A_weak_name_offered_beside_modern_ones_sets_its_category(string list, string name, WeakAlgorithmCategory category)
    {
        var verdicts = AlgorithmVerdicts.Judge(OfferWith(list, name));

        Assert.Contains(category, Offered(verdicts));
        Assert.Equal([name], verdicts.WeakNames[(int)category]);
    }

    [Theory]
    [InlineData("kex", "diffie-hellman-group14-sha256")]
    [InlineData("kex", "diffie-hellman-group-exchange-sha256")]
    [InlineData("kex", "ecdh-sha2-nistp256")]
    [InlineData("kex", "ext-info-s")]
    [InlineData("hostKeys", "rsa-sha2-512")]
    [InlineData("hostKeys", "rsa-sha2-256-cert-v01@openssh.com")]
    [InlineData("hostKeys", "ecdsa-sha2-nistp256")]
    [InlineData("ciphers", "aes256-gcm@openssh.com")]
    [InlineData("ciphers", "chacha20-poly1305@openssh.com")]
    [InlineData("macs", "hmac-sha2-512-etm@openssh.com")]
    [InlineData("macs", "umac-128@openssh.com")]
    [InlineData("macs", "HMAC-SHA1")] // names are case-sensitive: this is no algorithm anyone implements
    public void A_modern_name_sets_no_category(string list, string name) =>
        Assert.Empty(Offered(AlgorithmVerdicts.Judge(OfferWith(list, name))));

    [Fact]
    public void A_name_offered_in_both_directions_is_listed_once()
    {
        var verdicts = AlgorithmVerdicts.Judge(KexInitPackets.Offer(ciphers: "aes128-cbc"));

        Assert.Equal(["aes128-cbc"], verdicts.WeakNames[(int)WeakAlgorithmCategory.CipherCbc]);
    }

    private static KexVerdicts Judge(string captured)
    {
        Assert.True(KexInit.TryParse(KexInitPackets.CapturedPayload(captured), out var offer, out string error), error);
        return AlgorithmVerdicts.Judge(offer);
    }

    private static WeakAlgorithmCategory[] Offered(KexVerdicts verdicts) => [.. WeakAlgorithmCategories.All.Where(verdicts.Offers)];

    private static KexInit OfferWith(string list, string name) => list switch
    {
        "kex" => KexInitPackets.Offer(kex: $"{ModernKex},{name}"),
        "hostKeys" => KexInitPackets.Offer(hostKeys: $"ssh-ed25519,{name}"),
        "ciphers" => KexInitPackets.Offer(ciphers: $"{ModernCipher},{name}"),
        "macs" => KexInitPackets.Offer(macs: $"{ModernMac},{name}"),
        _ => throw new ArgumentException(list, nameof(list)),
    };
}
