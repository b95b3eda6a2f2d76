using System.Buffers.Binary;
using System.Globalization;

namespace Jixiao.App.Imports;

/// <summary>
/// A hash of a set of forms that does not depend on their order: the sum, modulo 2^256, of their content hashes
/// (SHA-256). Two files holding the same forms in any order — or in another encoding — get the same value; it names
/// the lock under which imports of the same forms take turns.
/// </summary>
internal sealed class FormSetHash
{
    private readonly ulong[] sum = new ulong[4];

    /// <summary>Adds one form's 32-byte content hash.</summary>
    public void Add(ReadOnlySpan<byte> hash)
    {
        ulong carry = 0;
        for (var i = 0; i < 4; i++)
        {
            var part = BinaryPrimitives.ReadUInt64LittleEndian(hash.Slice(i * 8, 8));
            var total = sum[i] + part;
            var overflow = total < sum[i] ? 1UL : 0UL;
            total += carry;
            overflow += total < carry ? 1UL : 0UL;
            sum[i] = total;
            carry = overflow;
        }
    }

    /// <summary>The value as text (<c>forms:</c> and 64 hex digits).</summary>
    public override string ToString() =>
        "forms:" + string.Concat(sum.Reverse().Select(p => p.ToString("x16", CultureInfo.InvariantCulture)));
}
