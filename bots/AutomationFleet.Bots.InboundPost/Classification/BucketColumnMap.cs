using System.Numerics;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// Hash bucket → column, as an open-addressing table with linear probing (load factor at most 1/2). Every n-gram of a
/// text is looked up here, so it replaces a <see cref="Dictionary{TKey, TValue}"/>: a key and its column sit side by
/// side and a lookup is a multiply, a shift and usually one probe. Buckets are never negative; -1 marks an empty slot.
/// </summary>
internal sealed class BucketColumnMap
{
    private const int Empty = -1;
    private readonly long[] _slots;
    private readonly int _shift;
    private readonly int _mask;

    public BucketColumnMap(int[] buckets)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, buckets.Length * 2));
        _slots = new long[capacity];
        _mask = capacity - 1;
        _shift = 32 - BitOperations.Log2((uint)capacity);
        Array.Fill(_slots, Pack(Empty, 0));
        for (var column = 0; column < buckets.Length; column++)
        {
            var bucket = buckets[column];
            if (bucket < 0)
            {
                throw new ArgumentException("Hash buckets are never negative.", nameof(buckets));
            }

            var slot = SlotOf(bucket);
            while (KeyOf(_slots[slot]) != Empty)
            {
                if (KeyOf(_slots[slot]) == bucket)
                {
                    throw new ArgumentException("Each bucket may have only one column.", nameof(buckets));
                }

                slot = (slot + 1) & _mask;
            }

            _slots[slot] = Pack(bucket, column);
        }
    }

    /// <summary>The column of <paramref name="bucket"/>, or -1 when it has none.</summary>
    public int Find(int bucket)
    {
        var slots = _slots;
        var slot = SlotOf(bucket);
        while (true)
        {
            var entry = slots[slot];
            var key = KeyOf(entry);
            if (key == bucket)
            {
                return (int)(entry >> 32);
            }

            if (key == Empty)
            {
                return -1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private int SlotOf(int bucket) => (int)(((uint)bucket * 0x9E3779B1u) >> _shift) & _mask;

    private static long Pack(int key, int column) => ((long)column << 32) | (uint)key;

    private static int KeyOf(long entry) => (int)entry;
}
