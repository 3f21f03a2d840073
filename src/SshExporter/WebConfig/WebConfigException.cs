namespace SshExporter.WebConfig;

/// <summary>A web config file (<c>--web.config.file</c>) that cannot be used; the message names the file and the key.</summary>
public sealed class WebConfigException : Exception
{
    public WebConfigException()
    {
    }

    public WebConfigException(string message)
        : base(message)
    {
    }

    public WebConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
