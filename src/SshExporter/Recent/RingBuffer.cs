namespace SshExporter.Recent;

/// <summary>
/// The last <c>capacity</c> items, the oldest overwritten first, so memory stays bounded whatever the traffic. Each
/// item gets the next id, counting from 1: an id of an item already overwritten finds nothing, never another item.
/// </summary>
public sealed class RingBuffer<T>(int capacity) where T : class
{
    private readonly T?[] _slots = new T?[capacity];
    private readonly Lock _lock = new();
    private long _lastId;

    public int Capacity => capacity;

    /// <summary>Adds the item <paramref name="create"/> makes from its id, and returns it.</summary>
    public T Add(Func<long, T> create)
    {
        lock (_lock)
        {
            long id = ++_lastId;
            var item = create(id);
            _slots[id % capacity] = item;
            return item;
        }
    }

    /// <summary>The item with <paramref name="id"/>, or null when it was never added or has been overwritten.</summary>
    public T? Find(long id)
    {
        lock (_lock)
        {
            return id > 0 && id <= _lastId && id > _lastId - capacity ? _slots[id % capacity] : null;
        }
    }

    /// <summary>The items kept, newest first.</summary>
    public IReadOnlyList<T> Newest()
    {
        lock (_lock)
        {
            var items = new List<T>(capacity);
            for (long id = _lastId; id > 0 && id > _lastId - capacity; id--)
            {
                items.Add(_slots[id % capacity]!);
            }

            return items;
        }
    }
}
