using System.Net.Sockets;
using SshExporter.Probing;

namespace SshExporter.Tests.Probing;

public class OutcomeClassifierTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused, ProbeOutcome.Refused)]
    [InlineData(SocketError.ConnectionReset, ProbeOutcome.Reset)]
    [InlineData(SocketError.TimedOut, ProbeOutcome.ConnectTimeout)]
    [InlineData(SocketError.HostUnreachable, ProbeOutcome.Unreachable)]
    [InlineData(SocketError.NetworkUnreachable, ProbeOutcome.Unreachable)]
    [InlineData(SocketError.NetworkDown, ProbeOutcome.Unreachable)]
    [InlineData(SocketError.HostDown, ProbeOutcome.Unreachable)]
    [InlineData(SocketError.AccessDenied, ProbeOutcome.Unreachable)]
    [InlineData(SocketError.AddressNotAvailable, ProbeOutcome.Unreachable)]
    public void A_failed_connect_is_classified_by_its_socket_error(SocketError error, ProbeOutcome expected)
    {
        Assert.Equal(expected, OutcomeClassifier.FromConnectError(error));
    }

    [Theory]
    [InlineData(SocketError.TimedOut, BannerEnd.DeadlineHit)]
    [InlineData(SocketError.ConnectionReset, BannerEnd.PeerReset)]
    [InlineData(SocketError.ConnectionAborted, BannerEnd.PeerReset)]
    [InlineData(SocketError.Shutdown, BannerEnd.PeerReset)]
    public void A_socket_error_while_reading_the_banner_ends_the_banner_phase(SocketError error, BannerEnd expected)
    {
        Assert.Equal(expected, OutcomeClassifier.BannerEndFromSocketError(error));
    }

    // The protocol version stands for the identification that arrived (null: none).
    [Theory]
    [InlineData(BannerEnd.Identified, 21, "2.0", ProbeOutcome.Success)]
    [InlineData(BannerEnd.Identified, 24, "1.99", ProbeOutcome.Success)]
    [InlineData(BannerEnd.Identified, 21, "1.5", ProbeOutcome.ProtocolUnsupported)]
    [InlineData(BannerEnd.Identified, 21, "1.0", ProbeOutcome.ProtocolUnsupported)]
    // A well-formed line naming a protocol that does not exist is nothing we can talk to.
    [InlineData(BannerEnd.Identified, 23, "3.0", ProbeOutcome.BannerInvalid)]
    [InlineData(BannerEnd.Identified, 23, null, ProbeOutcome.BannerInvalid)]
    [InlineData(BannerEnd.NotSsh, 40, null, ProbeOutcome.BannerInvalid)]
    [InlineData(BannerEnd.NotSsh, 0, null, ProbeOutcome.BannerInvalid)]
    [InlineData(BannerEnd.PeerClosed, 0, null, ProbeOutcome.Closed)]
    [InlineData(BannerEnd.PeerReset, 0, null, ProbeOutcome.Reset)]
    [InlineData(BannerEnd.DeadlineHit, 0, null, ProbeOutcome.BannerTimeout)]
    // Lines that were not an identification, then a hang-up or silence: another service owns the port.
    [InlineData(BannerEnd.PeerClosed, 32, null, ProbeOutcome.BannerInvalid)]
    [InlineData(BannerEnd.PeerReset, 32, null, ProbeOutcome.BannerInvalid)]
    [InlineData(BannerEnd.DeadlineHit, 32, null, ProbeOutcome.BannerInvalid)]
    public void The_banner_phase_is_classified_by_how_it_ended_and_what_arrived(BannerEnd end, int bytesRead, string? protocol, ProbeOutcome expected)
    {
        var identification = protocol is null ? null : new SshIdentification(protocol, "server_1.0", "");

        Assert.Equal(expected, OutcomeClassifier.FromBanner(new BannerObservation(end, bytesRead, identification)));
    }

    // An identification cut short, then a hang-up or silence, is sshd's own trouble, not another service.
    [Theory]
    [InlineData(BannerEnd.PeerClosed, ProbeOutcome.Closed)]
    [InlineData(BannerEnd.PeerReset, ProbeOutcome.Reset)]
    [InlineData(BannerEnd.DeadlineHit, ProbeOutcome.BannerTimeout)]
    public void Bytes_of_sshd_before_the_end_are_not_another_service(BannerEnd end, ProbeOutcome expected)
    {
        Assert.Equal(expected, OutcomeClassifier.FromBanner(new BannerObservation(end, 22, FromSshd: true)));
    }

    // sshd's notice that it turns us away (PerSourcePenalties, MaxStartups) is throttling, whatever came before.
    [Theory]
    [InlineData(0)]
    [InlineData(26)]
    public void An_sshd_refusal_is_throttled(int bytesRead)
    {
        Assert.Equal(ProbeOutcome.Throttled, OutcomeClassifier.FromBanner(new BannerObservation(BannerEnd.SshdRefused, bytesRead)));
    }
}
