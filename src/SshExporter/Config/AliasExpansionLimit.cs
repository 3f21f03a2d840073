using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SshExporter.Config;

/// <summary>
/// Passes a YAML parser's events through, counting the size of the document as if every alias were written out
/// (scalar characters plus one per node). YamlDotNet shares an anchored object with its aliases rather than copy it,
/// so parsing stays small, but the loaded config is written out in full on <c>/metrics</c> and <c>/config</c>: a
/// few kilobytes of nested aliases could expand to gigabytes there. Fails at the event that crosses the limit.
/// </summary>
internal sealed class AliasExpansionLimit(IParser inner, long limit) : IParser
{
    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
    private readonly Stack<(string? Anchor, long SizeAtStart)> _open = new();
    private long _size;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case Scalar scalar:
                Add(1 + scalar.Value.Length, scalar);
                Remember(scalar.Anchor, 1 + scalar.Value.Length);
                break;
            case SequenceStart or MappingStart:
                var start = (NodeEvent)inner.Current;
                Add(1, start);
                _open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, _size - 1));
                break;
            case SequenceEnd or MappingEnd when _open.TryPop(out var closed):
                if (closed.Anchor is { } name)
                {
                    _anchorSizes[name] = _size - closed.SizeAtStart;
                }

                break;
            case AnchorAlias alias:
                // An alias of an anchor still open (a node that contains itself) is left to YamlDotNet to refuse.
                Add(_anchorSizes.GetValueOrDefault(alias.Value.Value, 1), alias);
                break;
        }

        return true;
    }

    private void Remember(AnchorName anchor, long size)
    {
        if (!anchor.IsEmpty)
        {
            _anchorSizes[anchor.Value] = size;
        }
    }

    // Every anchor's size was counted into _size before it could be named, so neither term exceeds the limit
    // and the sum cannot overflow.
    private void Add(long size, ParsingEvent at)
    {
        _size += size;
        if (_size > limit)
        {
            throw new YamlException(at.Start, at.End,
                $"the file expands to more than {limit} characters once its aliases (*name) are written out (scalars, plus one per node)");
        }
    }
}
