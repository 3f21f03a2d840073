namespace SshExporter.Probing.Kex;

/// <summary>
/// The fixed kinds of weak algorithm a KEXINIT may offer, each one series of <c>ssh_weak_algorithm_offered{category}</c>.
/// Which names fall in each, and the source of each verdict, is in <see cref="AlgorithmVerdicts"/>.
/// </summary>
public enum WeakAlgorithmCategory
{
    KexSha1,
    Kex1024BitGroup,
    HostKeySha1,
    HostKeyDsa,
    CipherCbc,
    Cipher3Des,
    CipherRc4,
    MacMd5,
    MacSha1,
    Mac64BitTag,
    NoneAlgorithms,
}

public static class WeakAlgorithmCategories
{
    public static IReadOnlyList<WeakAlgorithmCategory> All { get; } = Enum.GetValues<WeakAlgorithmCategory>();

    private static readonly string[] Labels =
    [
        "kex_sha1",
        "kex_1024bit_group",
        "host_key_sha1",
        "host_key_dsa",
        "cipher_cbc",
        "cipher_3des",
        "cipher_rc4",
        "mac_md5",
        "mac_sha1",
        "mac_64bit_tag",
        "none_algorithms",
    ];

    public static string ToLabel(this WeakAlgorithmCategory category) => Labels[(int)category];
}
