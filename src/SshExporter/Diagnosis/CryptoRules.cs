using SshExporter.Probing;
using SshExporter.Probing.Kex;

namespace SshExporter.Diagnosis;

/// <summary>
/// The group ssh-exporter.crypto, from one probe: what the KEXINIT offered, and a verified host key that matches no
/// pin (or a revoked one). A stage that got no verified key pages only after 45 minutes of them, so one probe is no
/// verdict; SshHostKeyChanged needs the keys of the hour before, which the exporter does not keep.
/// </summary>
internal static class CryptoRules
{
    /// <summary>The weak kinds SshWeakAlgorithmsOffered leaves out: stock OpenSSH offers them (see the rule's comment).</summary>
    private static readonly HashSet<WeakAlgorithmCategory> NotAlerted = [WeakAlgorithmCategory.MacSha1, WeakAlgorithmCategory.Mac64BitTag];

    public static void Evaluate(ProbeResult remote, FiringList firing)
    {
        // ssh_host_key_pin_matches == 0 while ssh_host_key_received == 1; the metric exists for a revoked key alone too.
        if (remote.HostKey is { Received: true } key && (key.HasPins || key.Revoked is not null) && key.MatchedPin is null)
        {
            firing.Add(VerdictAlert.SshHostKeyPinMismatch, [$"host key {key.KeyType} {key.Fingerprint!.Text} " + (key.Revoked is not null ? "is revoked" : "matches no pin")]);
        }

        if (remote.KexInit is not { Received: true } kex)
        {
            return;
        }

        if (kex.Verdicts.TerrapinVulnerable)
        {
            firing.Add(VerdictAlert.SshTerrapinVulnerable, ["no strict key exchange (kex-strict-s-v00@openssh.com), with chacha20-poly1305 or CBC and an -etm MAC"]);
        }

        var weak = WeakAlgorithmCategories.All.Where(category => !NotAlerted.Contains(category) && kex.Verdicts.Offers(category)).ToList();
        if (weak.Count > 0)
        {
            firing.Add(VerdictAlert.SshWeakAlgorithmsOffered, weak.Select(category => $"{category.ToLabel()}: {string.Join(", ", kex.Verdicts.WeakNames[(int)category])}"));
        }

        if (!kex.Verdicts.PostQuantumOffered)
        {
            firing.Add(VerdictAlert.SshPostQuantumKexMissing, ["no mlkem768x25519-sha256 or sntrup761x25519-sha512 in the key exchange list"]);
        }
    }
}
