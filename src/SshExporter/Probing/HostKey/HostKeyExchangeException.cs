namespace SshExporter.Probing.HostKey;

/// <summary>
/// The key exchange cannot go on: the peer broke the protocol, offered nothing we speak, or its signature does not
/// verify. The message is the debug report's reason, in the user's terms; it never becomes a label.
/// </summary>
internal sealed class HostKeyExchangeException : Exception
{
    public HostKeyExchangeException()
    {
    }

    public HostKeyExchangeException(string message)
        : base(message)
    {
    }

    public HostKeyExchangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
