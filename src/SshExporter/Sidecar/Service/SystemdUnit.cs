namespace SshExporter.Sidecar.Service;

/// <summary>The properties <c>systemctl show -p LoadState,ActiveState,SubState UNIT</c> prints for one unit.</summary>
public sealed record SystemdUnitState(string LoadState, string ActiveState, string SubState);

/// <summary>One unit as systemd sees it: the word <c>systemctl is-active</c> printed, and its properties.</summary>
public sealed record SystemdUnit(string Name, string IsActive, SystemdUnitState Properties)
{
    /// <summary>systemd has the unit (an unknown unit still answers, with <c>LoadState=not-found</c>).</summary>
    public bool Known => Properties.LoadState != "not-found";

    /// <summary>Up: <c>is-active</c> counts a unit that is reloading as active too.</summary>
    public bool Running => IsActive is "active" or "reloading" or "refreshing";

    /// <summary><c>ssh.service is active (running)</c>.</summary>
    public override string ToString() => $"{Name} is {IsActive} ({Properties.SubState})";
}
