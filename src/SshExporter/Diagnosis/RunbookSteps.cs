namespace SshExporter.Diagnosis;

/// <summary>
/// What a verdict says and what it tells a person to run, for one alert. Written with the runbook's own
/// placeholders <c>HOST</c> and <c>PORT</c>; <see cref="CommandText"/> fills them in. Every command is copied from the
/// alert's section of docs/runbook.md, character for character, and a test holds them together.
/// </summary>
/// <param name="Summary">One sentence, in plain words, of what is wrong.</param>
/// <param name="FixHint">What to do where a command alone cannot say it (a decision, a change outside the server); null when the commands say it all.</param>
/// <param name="Confirm">The commands that confirm the cause.</param>
/// <param name="Fix">The commands that fix it, in the order to run them.</param>
public sealed record RunbookStep(string Summary, string? FixHint, IReadOnlyList<string> Confirm, IReadOnlyList<string> Fix);

/// <summary>The step of each alert a verdict can name, taken from its section of docs/runbook.md.</summary>
public static class RunbookSteps
{
    private const string RestartChecked = "sudo sshd -t && sudo systemctl restart ssh";
    private const string ReloadChecked = "sudo sshd -t && sudo systemctl reload ssh";

    public static RunbookStep For(VerdictAlert alert) => alert switch
    {
        VerdictAlert.SshHostKeysMissing => new(
            "sshd on HOST is down because none of its host key files is present and readable, and it will not start without one.",
            "Restore the old keys from a backup if you have one; otherwise generate new ones and tell users the new fingerprints.",
            ["sudo sshd -t", "ls -l /etc/ssh/*key*"],
            ["sudo ssh-keygen -A", "sudo chmod 600 /etc/ssh/*_key", RestartChecked]),
        VerdictAlert.SshConfigInvalid => new(
            "sshd on HOST is down because sshd -t rejects its configuration, so every start fails.",
            "Correct the line sshd -t names, or put back the previous version of the file, until sshd -t prints nothing.",
            ["sudo sshd -t", "ls -lt /etc/ssh /etc/ssh/sshd_config.d"],
            ["sudo sshd -t", "sudo systemctl start ssh"]),
        VerdictAlert.SshDaemonNotRunning => new(
            "sshd is stopped on HOST and nothing listens on the ports it should use; its configuration and host keys are fine.",
            null,
            ["sudo systemctl status ssh ssh.socket", "sudo journalctl -u ssh -b --no-pager -n 50", "sudo ss -tlnp | grep -w sshd"],
            ["sudo sshd -t", "sudo systemctl enable --now ssh"]),
        VerdictAlert.SshPortTakenByOtherService => new(
            "Something that is not SSH answers on HOST port PORT: another program holds the port, or a proxy or port forward points elsewhere.",
            "Stop or move the program that holds the port (or move sshd), then restart sshd.",
            ["sudo ss -tlnp 'sport = :PORT'", "timeout 5 bash -c 'exec 3<>/dev/tcp/HOST/PORT; head -c 200 <&3' | cat -v"],
            ["sudo systemctl disable --now UNIT", "sudo systemctl restart ssh"]),
        VerdictAlert.SshDaemonListensElsewhere => new(
            "sshd runs on HOST, but not on port PORT, or only on loopback or another address.",
            "Either connect to the port sshd uses and change the probe target and firewall to match, or set Port PORT (and correct ListenAddress) in sshd_config and restart sshd.",
            ["sudo sshd -T | grep -Ei '^(port|listenaddress) '", "sudo ss -tlnp | grep -w sshd"],
            [RestartChecked]),
        VerdictAlert.SshHostFirewallBlocking => new(
            "The firewall on HOST itself does not let new connections in on port PORT.",
            "Allow the port with the tool that manages this server's firewall, and make the change permanent.",
            ["sudo iptables -S INPUT; sudo ip6tables -S INPUT", "sudo nft list ruleset", "sudo ufw status verbose", "sudo firewall-cmd --list-all"],
            [
                "sudo ufw allow PORT/tcp",
                "sudo firewall-cmd --permanent --add-port=PORT/tcp && sudo firewall-cmd --reload",
                "sudo iptables -I INPUT -p tcp --dport PORT -m conntrack --ctstate NEW -j ACCEPT",
                "sudo nft insert rule inet filter input tcp dport PORT ct state new accept",
            ]),
        VerdictAlert.SshDaemonNotAnswering => new(
            "sshd listens on HOST port PORT but answers no connection, from outside or on the server itself: it is hung or overloaded.",
            "If the restart hangs, kill only the listening sshd and start it again; open sessions survive.",
            ["ssh -o ConnectTimeout=5 -p PORT localhost", "sudo ss -tlnp 'sport = :PORT'", "ps -o pid,stat,etime,cmd -C sshd", "sudo journalctl -u ssh -n 50 --no-pager"],
            ["sudo systemctl restart ssh"]),
        VerdictAlert.SshBlockedOutsideHost => new(
            "On HOST sshd runs, listens on port PORT, answers locally and the host's firewall allows the port, yet the probe fails: something between the prober and the server blocks SSH.",
            "Allow TCP PORT from the prober in the security group, network ACL or upstream firewall; correct the port forward, load balancer, route or DNS record; or lift a fail2ban ban.",
            ["getent ahosts HOST", "traceroute -T -p PORT HOST", "sudo tcpdump -ni any tcp port PORT", "sudo fail2ban-client status sshd"],
            ["sudo fail2ban-client set sshd unbanip PROBER_IP"]),
        VerdictAlert.SshNameNotResolving => new(
            "The prober cannot resolve the name HOST.",
            "Correct the target, restore the DNS record, repair the prober's resolver, or remove the retired server from the targets.",
            ["getent ahosts HOST", "dig +short HOST A; dig +short HOST AAAA", "resolvectl status 2>/dev/null || cat /etc/resolv.conf"],
            []),
        VerdictAlert.SshProtocolUnsupported => new(
            "HOST port PORT speaks only SSH-1, which current clients refuse.",
            "Upgrade the firmware or the SSH server so that it offers SSH-2, or replace the device.",
            ["timeout 5 bash -c 'exec 3<>/dev/tcp/HOST/PORT; head -n 1 <&3'"],
            []),
        VerdictAlert.SshProberThrottled => new(
            "sshd on HOST port PORT turns the prober away (PerSourcePenalties or MaxStartups), so the probe cannot tell whether SSH works.",
            "Exempt the probers' addresses with PerSourcePenaltyExemptList (OpenSSH 9.8 or later), or probe from that address less often; for MaxStartups, rate-limit new connections or raise it.",
            [
                "sudo journalctl -u ssh --since '-15min' --no-pager | grep -Ei 'penalt|maxstartups|drop connection'",
                "sudo sshd -T | grep -Ei '^(persourcepenalties|persourcepenaltyexemptlist|maxstartups|persourcemaxstartups) '",
            ],
            [ReloadChecked]),
        VerdictAlert.SshConnectionRefused => new(
            "Connections to HOST port PORT are refused, and no local check of the server explains why.",
            "On the server's console, check in this order: is sshd running, does sshd -t pass, which port and address does it use, does the firewall allow the port, does it answer locally.",
            ["ssh -vvv -p PORT user@HOST", "sudo systemctl status ssh", "sudo sshd -t", "sudo ss -tlnp | grep -w sshd", "ssh -v -p PORT localhost"],
            []),
        VerdictAlert.SshConnectionTimeout => new(
            "Connections to HOST port PORT time out, and no local check of the server explains why.",
            "Bring the server back, allow the port in whichever firewall drops it, or repair the route.",
            ["ssh -vvv -o ConnectTimeout=10 -p PORT user@HOST", "ping -c 3 HOST; traceroute -T -p PORT HOST", "sudo ss -tlnp 'sport = :PORT'"],
            []),
        VerdictAlert.SshHostUnreachable => new(
            "HOST is unreachable from the prober: host or network unreachable, or no route.",
            "Bring the server, the tunnel or the router back, add the missing route, or replace a rejecting firewall rule with one that allows the port.",
            ["ping -c 3 HOST; mtr --report HOST", "ssh -vvv -p PORT user@HOST", "sudo iptables -S | grep -i reject; sudo nft list ruleset | grep -i reject"],
            []),
        VerdictAlert.SshConnectionDropped => new(
            "HOST port PORT accepts the connection, then drops it before any SSH banner.",
            "Rate-limit a brute-force wave, remove a wrong hosts.deny entry, or roll back the upgrade that makes sshd crash; then reload sshd.",
            [
                "sudo journalctl -u ssh --since '-15min' --no-pager | grep -Ei 'maxstartups|penalt|refused connect|fatal|segfault'",
                "grep -v '^#' /etc/hosts.deny /etc/hosts.allow 2>/dev/null",
            ],
            [ReloadChecked]),
        VerdictAlert.SshBannerTimeout => new(
            "HOST port PORT accepts connections but sends no SSH banner, and no local check of the server explains why.",
            "If it hangs on the server too, restart sshd; if it works there, fix what sits in front of it (load balancer, port forward, proxy).",
            ["ssh -vvv -o ConnectTimeout=10 -p PORT user@HOST", "ssh -o ConnectTimeout=5 -p PORT localhost"],
            []),
        VerdictAlert.SshHostKeyPinMismatch => new(
            "HOST port PORT showed a host key that matches none of its pinned fingerprints: a man-in-the-middle until proven otherwise.",
            "Do not log in with a password or forward an agent until the key is confirmed on the server's console; update the pins only with the console's fingerprint.",
            ["sudo ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub", "ssh-keyscan -p PORT -t ed25519 HOST 2>/dev/null | ssh-keygen -lf -", "getent ahosts HOST"],
            []),
        VerdictAlert.SshRestartWouldFail => new(
            "sshd on HOST still runs, but would not start again: sshd -t rejects its configuration or none of its host keys is present.",
            "Fix the configuration or the host keys, and do not restart sshd until sshd -t prints nothing; keep your session open and test with a new one.",
            ["sudo sshd -t", "ls -l /etc/ssh/*key*"],
            []),
        VerdictAlert.SshTerrapinVulnerable => new(
            "sshd on HOST port PORT is open to the Terrapin attack (CVE-2023-48795): it offers no strict key exchange.",
            "Upgrade sshd to OpenSSH 9.6 or later (or the distribution's patched package), or turn off chacha20-poly1305 and the CBC ciphers; then reload it.",
            ["ssh-audit -p PORT HOST", "sudo sshd -T | grep -E '^(ciphers|macs) '"],
            [ReloadChecked]),
        VerdictAlert.SshSidecarCheckFailing => new(
            "A local check of sshd on HOST cannot look, so the causes that need it cannot be named.",
            "Run the sidecar as root on the host, or give its container what the check needs; if a check is too slow, raise the scrape timeout.",
            ["curl -s http://HOST:9722/sidecar"],
            []),
        VerdictAlert.SshWeakAlgorithmsOffered => new(
            "sshd on HOST port PORT offers algorithms that current guidance calls weak.",
            "Remove them in sshd_config (KexAlgorithms, HostKeyAlgorithms, Ciphers, MACs), then reload sshd.",
            ["nmap -p PORT --script ssh2-enum-algos HOST", "sudo sshd -T | grep -E '^(kexalgorithms|ciphers|macs|hostkeyalgorithms) '"],
            [ReloadChecked]),
        VerdictAlert.SshPostQuantumKexMissing => new(
            "sshd on HOST port PORT offers no post-quantum key exchange.",
            "Upgrade sshd to OpenSSH 9.0 or later, or put mlkem768x25519-sha256 back into KexAlgorithms; then reload it.",
            ["sudo sshd -T | grep '^kexalgorithms'"],
            [ReloadChecked]),
        _ => throw new ArgumentOutOfRangeException(nameof(alert), alert, null),
    };
}
