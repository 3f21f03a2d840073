using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SshExporter.WebConfig;

/// <summary>
/// Accepts or refuses a client's certificate as Go's <c>tls.ClientAuthType</c> and exporter-toolkit's
/// <c>client_allowed_sans</c> do: verified (against <c>client_ca_file</c>, else the system's roots, for client
/// authentication) only by the Verify* types, and its SANs checked whenever a list is given.
/// </summary>
internal static class ClientCertificates
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public static bool Accept(TlsSettings tls, X509Certificate? certificate, X509Chain? presented)
    {
        if (certificate is null)
        {
            return !tls.ClientAuth.Requires();
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return (!tls.ClientAuth.Verifies() || Verifies(tls, leaf, presented))
            && (tls.ClientAllowedSans is null || SubjectAlternativeNames(leaf).Any(tls.ClientAllowedSans.Contains));
    }

    private static bool Verifies(TlsSettings tls, X509Certificate2 leaf, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        if (presented is not null)
        {
            // The intermediates the client sent along.
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }

        if (tls.ClientCas is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(tls.ClientCas);
        }

        return chain.Build(leaf);
    }

    /// <summary>The DNS names, e-mail addresses, IP addresses and URIs, as Go lists them for the toolkit's check.</summary>
    private static List<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        var extension = certificate.Extensions["2.5.29.17"];
        if (extension is null)
        {
            return names;
        }

        try
        {
            var sequence = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue is 1 or 2 or 6)
                {
                    names.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 7)
                {
                    names.Add(new IPAddress(sequence.ReadOctetString(tag)).ToString());
                }
                else
                {
                    sequence.ReadEncodedValue();
                }
            }
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException)
        {
            // A malformed SAN extension matches nothing.
        }

        return names;
    }
}
