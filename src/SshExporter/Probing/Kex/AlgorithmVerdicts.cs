using SshExporter.Probing.Wire;

namespace SshExporter.Probing.Kex;

/// <summary>
/// Verdicts on what a server's KEXINIT offers: strict key exchange, a post-quantum hybrid key exchange, Terrapin,
/// and the <see cref="WeakAlgorithmCategory"/> kinds of weak algorithm. Pure and table-tested. Names are matched
/// exactly (or by the prefixes below), case-sensitively as RFC 4251 §6 has them. "ssh-audit" is
/// github.com/jtesta/ssh-audit: its algorithm database (src/ssh_audit/ssh2_kexdb.py) and its Terrapin check
/// (post_process_findings in src/ssh_audit/ssh_audit.py).
/// </summary>
public static class AlgorithmVerdicts
{
    /// <summary>
    /// The server's strict key exchange marker: OpenSSH's PROTOCOL file, "transport: strict key exchange extension",
    /// added in OpenSSH 9.6 (and backported by distributions) against Terrapin, CVE-2023-48795.
    /// </summary>
    public const string StrictKexMarker = "kex-strict-s-v00@openssh.com";

    /// <summary>
    /// Hybrid post-quantum key exchanges: the ones ssh-audit's database marks as "hybrid key exchange based on
    /// post-quantum resistant algorithm" (X25519 or NIST P-curve hybrids). As that database records it,
    /// sntrup761x25519-sha512@openssh.com came in OpenSSH 8.5 and is the default from 9.0, sntrup761x25519-sha512 and
    /// mlkem768x25519-sha256 came in 9.9, and mlkem768x25519-sha256 is the default from 10.0. The withdrawn sntrup4591761x25519-sha512@tinyssh.org and the
    /// round-3 Kyber drafts are left out, as ssh-audit gives them no such mark.
    /// </summary>
    public static IReadOnlySet<string> PostQuantumKex { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "mlkem768x25519-sha256",
        "sntrup761x25519-sha512",
        "sntrup761x25519-sha512@openssh.com",
        "mlkem768nistp256-sha256",
        "mlkem1024nistp384-sha384",
    };

    public static KexVerdicts Judge(KexInit offer)
    {
        bool strict = Contains(offer.KexAlgorithms, StrictKexMarker);
        // One pass over each list, testing each name against the categories of that list: this runs on every probe.
        var weak = new List<string>?[WeakAlgorithmCategories.All.Count];
        Collect(offer.KexAlgorithms, [WeakAlgorithmCategory.KexSha1, WeakAlgorithmCategory.Kex1024BitGroup], weak);
        Collect(offer.ServerHostKeyAlgorithms, [WeakAlgorithmCategory.HostKeySha1, WeakAlgorithmCategory.HostKeyDsa], weak);
        // Ciphers and MACs count in either direction: a server offers them both ways, normally the same.
        ReadOnlySpan<WeakAlgorithmCategory> ciphers =
            [WeakAlgorithmCategory.CipherCbc, WeakAlgorithmCategory.Cipher3Des, WeakAlgorithmCategory.CipherRc4, WeakAlgorithmCategory.NoneAlgorithms];
        Collect(offer.EncryptionClientToServer, ciphers, weak);
        Collect(offer.EncryptionServerToClient, ciphers, weak);
        ReadOnlySpan<WeakAlgorithmCategory> macs =
            [WeakAlgorithmCategory.MacMd5, WeakAlgorithmCategory.MacSha1, WeakAlgorithmCategory.Mac64BitTag, WeakAlgorithmCategory.NoneAlgorithms];
        Collect(offer.MacClientToServer, macs, weak);
        Collect(offer.MacServerToClient, macs, weak);

        bool postQuantum = false;
        foreach (string name in offer.KexAlgorithms)
        {
            postQuantum |= PostQuantumKex.Contains(name);
        }

        var weakNames = new IReadOnlyList<string>[weak.Length];
        for (int i = 0; i < weak.Length; i++)
        {
            weakNames[i] = (IReadOnlyList<string>?)weak[i] ?? [];
        }

        return new KexVerdicts(strict, postQuantum, TerrapinVulnerable: !strict && TerrapinProneOffered(offer), weakNames);
    }

    private static void Collect(IReadOnlyList<string> names, ReadOnlySpan<WeakAlgorithmCategory> categories, List<string>?[] weak)
    {
        foreach (string name in names)
        {
            foreach (var category in categories)
            {
                if (IsWeak(category, name) && !(weak[(int)category]?.Contains(name) ?? false))
                {
                    (weak[(int)category] ??= []).Add(name);
                }
            }
        }
    }

    private static bool Contains(IReadOnlyList<string> names, string wanted)
    {
        foreach (string name in names)
        {
            if (name == wanted)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// ssh-audit's rule for CVE-2023-48795 on a server: without the strict kex marker, a server is vulnerable when it
    /// offers a chacha20-poly1305 cipher, or a CBC cipher together with an encrypt-then-MAC (-etm@openssh.com) MAC,
    /// in its server-to-client lists, which are the ones ssh-audit reads for a server.
    /// </summary>
    private static bool TerrapinProneOffered(KexInit offer)
    {
        bool chacha = false, cbc = false, etm = false;
        foreach (string name in offer.EncryptionServerToClient)
        {
            chacha |= name.StartsWith("chacha20-poly1305", StringComparison.Ordinal);
            cbc |= IsCbc(name);
        }

        foreach (string name in offer.MacServerToClient)
        {
            etm |= name.EndsWith("-etm@openssh.com", StringComparison.Ordinal);
        }

        return chacha || (cbc && etm);
    }

    /// <summary>ssh-audit's test for a CBC cipher name, used both for Terrapin and for <see cref="WeakAlgorithmCategory.CipherCbc"/>.</summary>
    private static bool IsCbc(string name) =>
        name.EndsWith("-cbc", StringComparison.Ordinal)
        || name.EndsWith("-cbc@openssh.org", StringComparison.Ordinal)
        || name.EndsWith("-cbc@ssh.com", StringComparison.Ordinal)
        || name == "rijndael-cbc@lysator.liu.se";

    private static bool IsWeak(WeakAlgorithmCategory category, string name) => category switch
    {
        // SHA-1 key exchange hashes: ssh-audit fails each with "using broken SHA-1 hash algorithm". RFC 9142 §4 has
        // diffie-hellman-group1-sha1, diffie-hellman-group-exchange-sha1 and the gss-*-sha1-* methods as SHOULD NOT
        // and rsa1024-sha1 as MUST NOT; it keeps diffie-hellman-group14-sha1 at MAY, which ssh-audit fails all the same.
        WeakAlgorithmCategory.KexSha1 =>
            name is "diffie-hellman-group1-sha1" or "diffie-hellman-group14-sha1" or "diffie-hellman-group-exchange-sha1" or "rsa1024-sha1"
            || name.StartsWith("gss-group1-sha1-", StringComparison.Ordinal)
            || name.StartsWith("gss-group14-sha1-", StringComparison.Ordinal)
            || name.StartsWith("gss-gex-sha1-", StringComparison.Ordinal),
        // 1024-bit groups: ssh-audit's "using small 1024-bit modulus" (and Logjam for Oakley group 2); OpenSSH 7.0
        // disabled diffie-hellman-group1-sha1 by default (openssh.com/legacy.html).
        WeakAlgorithmCategory.Kex1024BitGroup =>
            name is "diffie-hellman-group1-sha1" or "diffie-hellman-group1-sha256" or "rsa1024-sha1"
            || name.StartsWith("gss-group1-sha1-", StringComparison.Ordinal),
        // RSA signatures over SHA-1: OpenSSH 8.8 disabled ssh-rsa by default (release notes 8.8); ssh-audit fails
        // these with "using broken SHA-1 hash algorithm".
        WeakAlgorithmCategory.HostKeySha1 =>
            name is "ssh-rsa" or "ssh-rsa-cert-v00@openssh.com" or "ssh-rsa-cert-v01@openssh.com"
                or "x509v3-sign-rsa" or "x509v3-sign-rsa-sha1" or "x509v3-ssh-rsa",
        // DSA: 1024-bit keys and SHA-1 (ssh-audit: "using small 1024-bit modulus"); OpenSSH 7.0 disabled ssh-dss by
        // default, 9.8 disabled DSA at compile time and 10.0 removed it (release notes 9.8, 10.0).
        WeakAlgorithmCategory.HostKeyDsa =>
            name is "ssh-dss" or "ssh-dsa" or "x509v3-ssh-dss"
            || name.StartsWith("ssh-dss-", StringComparison.Ordinal)
            || name.StartsWith("x509v3-sign-dss", StringComparison.Ordinal),
        // CBC mode: ssh-audit warns "using weak cipher mode" and counts CBC with an -etm MAC towards Terrapin; OpenSSH
        // 6.7 took CBC ciphers out of its default offer.
        WeakAlgorithmCategory.CipherCbc => IsCbc(name),
        // 3DES, a 64-bit block cipher (Sweet32): ssh-audit fails it with "using broken & deprecated 3DES cipher".
        WeakAlgorithmCategory.Cipher3Des => name.StartsWith("3des", StringComparison.Ordinal),
        // RC4: RFC 8758 deprecates arcfour, arcfour128 and arcfour256 in SSH; ssh-audit fails them "using broken RC4".
        WeakAlgorithmCategory.CipherRc4 => name.StartsWith("arcfour", StringComparison.Ordinal),
        // ssh-audit: "using broken MD5 hash algorithm", for hmac-md5, hmac-md5-96 and their -etm forms.
        WeakAlgorithmCategory.MacMd5 => name.StartsWith("hmac-md5", StringComparison.Ordinal),
        // ssh-audit: "using broken SHA-1 hash algorithm", for hmac-sha1, hmac-sha1-96 and their -etm forms. Stock
        // OpenSSH 9.2 and 10.0 still offer hmac-sha1 and hmac-sha1-etm@openssh.com, so this reads 1 on them.
        WeakAlgorithmCategory.MacSha1 => name.StartsWith("hmac-sha1", StringComparison.Ordinal),
        // Tags of 64 bits or fewer: ssh-audit warns "using small 64-bit tag size" for umac-64, umac-32 and
        // hmac-sha2-56. Stock OpenSSH 9.2 and 10.0 offer umac-64@openssh.com and umac-64-etm@openssh.com, so this
        // reads 1 on them.
        WeakAlgorithmCategory.Mac64BitTag =>
            name is "umac-64@openssh.com" or "umac-64-etm@openssh.com" or "umac-32@openssh.com" or "hmac-sha2-56",
        // No encryption or no integrity at all: ssh-audit fails the "none" cipher and MAC with "no encryption/integrity".
        WeakAlgorithmCategory.NoneAlgorithms => name == "none",
        _ => false,
    };
}
