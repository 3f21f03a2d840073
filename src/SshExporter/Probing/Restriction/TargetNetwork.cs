using System.Globalization;
using System.Net;

namespace SshExporter.Probing.Restriction;

/// <summary>
/// One entry of <c>allowed_targets.networks</c>: a CIDR (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) or a bare address,
/// which means that address alone (/32 or /128). Stricter than <c>IPNetwork.TryParse</c>, which reads <c>10/8</c>
/// as 0.0.0.0/8 and drops the bits of <c>10.1.2.3/8</c> past the prefix without a word: the address is read by the
/// target parser's rules, and bits past the prefix are an error.
/// </summary>
public static class TargetNetwork
{
    public static bool TryParse(string text, out IPNetwork network, out string error)
    {
        network = default;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string addressText = slash < 0 ? text : text[..slash];
        bool v6 = addressText.Contains(':', StringComparison.Ordinal);
        if (!TargetAddress.TryParse(v6 ? $"[{addressText}]" : addressText, out var target, out error) || target!.Literal is not { } address)
        {
            // The parser's own words help with IPv4 written as numbers (10/8); for anything else they would confuse.
            bool numbers = !v6 && addressText.Length > 0 && addressText.All(c => char.IsAsciiHexDigit(c) || c is '.' or 'x' or 'X');
            error = $"{InputExcerpt.Quote(text)} is not a network: write a CIDR (10.0.0.0/8, 2001:db8::/32) or one address"
                + (numbers && error.Length > 0 ? $" ({error})" : "");
            return false;
        }

        int maxPrefix = v6 ? 128 : 32;
        int prefix = maxPrefix;
        if (slash >= 0)
        {
            string prefixText = text[(slash + 1)..];
            if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit)
                || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix)
            {
                error = $"{InputExcerpt.Quote(text)}: the prefix length must be a number from 0 to {maxPrefix}";
                return false;
            }
        }

        var masked = new IPNetwork(Masked(address, prefix), prefix);
        if (!masked.BaseAddress.Equals(address))
        {
            error = $"{InputExcerpt.Quote(text)} has bits set past its /{prefix} prefix; write {masked} for the network, or {address} alone for the address";
            return false;
        }

        network = masked;
        error = "";
        return true;
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
