using System.Buffers;
using Jixiao.Data.Schema;
using Jixiao.Data.Entities;
using Npgsql;
using NpgsqlTypes;

namespace Jixiao.Data.Search;

/// <summary>
/// Full-text search on PostgreSQL by pairs of adjacent characters (字符二元组): for every pair that occurs in a form's
/// search text, the table <c>search_grams</c> keeps the ids of the forms that contain it, per import batch and year, as
/// compact posting lists. A search for a text of two characters reads one list and is exact; a longer text intersects
/// the lists of its two rarest pairs and checks each candidate's text, in the list's order, only until the page and the
/// capped count are known. The cost follows the length of two lists, not the number of forms a trigram index would
/// hand back and PostgreSQL recheck one row at a time, and the newest matches come first without a sort, so a word that
/// only the oldest forms contain costs no more than any other (<c>docs/benchmarks.md</c>).
/// </summary>
public static class SearchGrams
{
    /// <summary>The definition of the lists; a change bumps it and the next start builds them again.</summary>
    internal const string Version = "1";

    internal const string StateKey = "search_grams";

    /// <summary>The importer writes a batch's lists in parts of at most this many forms (memory stays bounded).</summary>
    public const int PartForms = 50_000;

    /// <summary>The pair of UTF-16 code units <paramref name="first"/>, <paramref name="second"/> as one number.</summary>
    public static int Gram(char first, char second) => (first << 16) | second;

    /// <summary>The distinct pairs of adjacent code units of <paramref name="text"/>, in the order they first occur.</summary>
    public static IReadOnlyList<int> GramsOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var grams = new List<int>();
        AddGrams(text, [], grams);
        return grams;
    }

    /// <summary>Appends the distinct pairs of <paramref name="text"/> to <paramref name="into"/> (<paramref name="seen"/> is cleared first).</summary>
    private static void AddGrams(string text, HashSet<int> seen, List<int> into)
    {
        seen.Clear();
        for (var i = 1; i < text.Length; i++)
        {
            var g = Gram(text[i - 1], text[i]);
            if (seen.Add(g))
            {
                into.Add(g);
            }
        }
    }

    /// <summary>Ascending ids as varint differences.</summary>
    public static byte[] Encode(IReadOnlyList<long> ascending)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        var buffer = new ArrayBufferWriter<byte>(ascending.Count + 16);
        var previous = 0L;
        foreach (var id in ascending)
        {
            var delta = (ulong)(id - previous);
            previous = id;
            var span = buffer.GetSpan(10);
            var n = 0;
            while (delta >= 0x80)
            {
                span[n++] = (byte)(delta | 0x80);
                delta >>= 7;
            }

            span[n++] = (byte)delta;
            buffer.Advance(n);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The ids of <see cref="Encode"/>'s bytes.</summary>
    public static long[] Decode(ReadOnlySpan<byte> bytes)
    {
        using var list = new IdList(bytes.Length); // every id takes at least one byte
        var decoder = default(Decoder);
        decoder.Decode(bytes, list);
        decoder.EnsureComplete();
        return list.Items.AsSpan(0, list.Count).ToArray();
    }

    /// <summary>Gathers the lists of a batch's forms and writes them as rows, a part at a time.</summary>
    internal sealed class Collector(long batchId)
    {
        private readonly Dictionary<long, List<long>> lists = [];
        private readonly HashSet<int> seen = [];
        private readonly List<int> grams = [];
        private int part;

        public long BatchId => batchId;

        /// <summary>Forms added since the last part was written.</summary>
        public int Forms { get; private set; }

        public void Add(long formId, int? year, string text)
        {
            grams.Clear();
            AddGrams(text, seen, grams);
            var y = (long)(year ?? 0) << 32;
            foreach (var g in grams)
            {
                var key = y | (uint)g;
                if (!lists.TryGetValue(key, out var ids))
                {
                    lists[key] = ids = [];
                }

                ids.Add(formId);
            }

            Forms++;
        }

        /// <summary>The part's rows (and a fresh start for the next part).</summary>
        public List<SearchGramRecord> TakeRows()
        {
            var rows = new List<SearchGramRecord>(lists.Count);
            foreach (var (key, ids) in lists)
            {
                ids.Sort();
                rows.Add(new SearchGramRecord
                {
                    Gram = (int)(uint)key,
                    Year = (int)(key >> 32),
                    BatchId = batchId,
                    Part = part,
                    Count = ids.Count,
                    Ids = Encode(ids),
                });
            }

            // the primary key's order: PostgreSQL's COPY then fills the index pages in order
            rows.Sort((a, b) => a.Gram != b.Gram ? a.Gram.CompareTo(b.Gram) : a.Year.CompareTo(b.Year));
            lists.Clear();
            Forms = 0;
            part++;
            return rows;
        }
    }

    /// <summary>Builds the lists again from <c>form_search</c> when they are of another <see cref="Version"/> (PostgreSQL).</summary>
    internal static async Task EnsureAsync(JixiaoDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)await database.OpenConnectionAsync(cancellationToken);
        if (await StateAsync(connection, null, cancellationToken) == Version)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE search_grams IN EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync(cancellationToken);
        }

        if (await StateAsync(connection, transaction, cancellationToken) == Version)
        {
            return;
        }

        await using (var clear = new NpgsqlCommand("DELETE FROM search_grams", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        // read on a second connection while this one writes (one connection cannot stream and COPY at once)
        BulkTable table;
        await using (var db = database.CreateContext())
        {
            table = BulkTable.For<SearchGramRecord>(db.Model);
        }

        await using (var writer = BulkWriter.Create(connection, transaction))
        await using (var source = (NpgsqlConnection)await database.OpenConnectionAsync(cancellationToken))
        await using (var read = new NpgsqlCommand(
            "SELECT f.import_batch_id, f.id, f.year, s.text FROM forms f JOIN form_search s ON s.form_id = f.id ORDER BY f.import_batch_id, f.id",
            source))
        {
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            Collector? collector = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var batch = reader.GetInt64(0);
                if (collector is not null && (collector.BatchId != batch || collector.Forms >= PartForms))
                {
                    await writer.WriteAsync(table, collector.TakeRows(), cancellationToken);
                }

                if (collector is null || collector.BatchId != batch)
                {
                    collector = new Collector(batch);
                }

                collector.Add(reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetString(3));
            }

            if (collector is not null && collector.Forms > 0)
            {
                await writer.WriteAsync(table, collector.TakeRows(), cancellationToken);
            }
        }

        await using (var state = new NpgsqlCommand(
            "INSERT INTO storage_state (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            connection, transaction))
        {
            state.Parameters.AddWithValue("key", StateKey);
            state.Parameters.AddWithValue("value", Version);
            await state.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<string?> StateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT value FROM storage_state WHERE key = @key", connection, transaction);
        command.Parameters.AddWithValue("key", StateKey);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The matches of a search in the default order (newest year first, then the latest imported).</summary>
    /// <param name="Ids">The page's form ids.</param>
    /// <param name="Total">How many match (up to the limit when <paramref name="TotalIsLowerBound"/>).</param>
    /// <param name="TotalIsLowerBound">True when more match than <paramref name="Total"/> says (the count stopped).</param>
    internal sealed record Page(List<long> Ids, long Total, bool TotalIsLowerBound);

    /// <summary>
    /// The page <paramref name="page"/> of <paramref name="pageSize"/> forms whose normalised search text contains every
    /// included term of <paramref name="terms"/> and none of the excluded ones, newest year first (forms without a year
    /// before them, as PostgreSQL sorts a null first when descending), then the latest imported; counted exactly for a
    /// single term of two characters and up to <paramref name="countLimit"/> otherwise. The pairs of every included
    /// term narrow the candidates; null when no included term has two characters (no pair to look up).
    /// </summary>
    internal static async Task<Page?> SearchAsync(
        NpgsqlConnection connection, SearchTerms terms, int page, int pageSize, int countLimit, CancellationToken cancellationToken)
    {
        if (!terms.Include.Any(t => t.Length >= 2))
        {
            return null;
        }

        // how many forms each pair has, per year
        var grams = terms.Include.SelectMany(GramsOf).Distinct().ToArray();
        var sizes = new Dictionary<(int Gram, int Year), long>();
        await using (var count = new NpgsqlCommand(
            "SELECT gram, year, sum(count)::bigint FROM search_grams WHERE gram = ANY(@grams) GROUP BY gram, year", connection))
        {
            count.Parameters.Add(new NpgsqlParameter("grams", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = grams });
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sizes[(reader.GetInt32(0), reader.GetInt32(1))] = reader.GetInt64(2);
            }
        }

        var totals = grams.ToDictionary(g => g, g => sizes.Where(kv => kv.Key.Gram == g).Sum(kv => kv.Value));
        long Total(int gram) => totals[gram];
        var skip = (long)(page - 1) * pageSize;
        if (grams.Any(g => Total(g) == 0))
        {
            return new Page([], 0, false); // a pair that no form has: nothing matches
        }

        // the rarest pairs, and any other not much longer: each list read saves checking texts it rules out
        var byTotal = grams.OrderBy(Total).ThenBy(g => g).ToArray();
        var rarest = Total(byTotal[0]);
        var chosen = byTotal.Where((g, i) => i < 2 || Total(g) <= rarest * 32).ToArray();

        // the years every chosen pair has, in the list's order: no year (0) first, then the newest
        var years = sizes.Keys.Select(k => k.Year).Distinct()
            .Where(y => chosen.All(g => sizes.ContainsKey((g, y))))
            .OrderBy(y => y == 0 ? 0 : 1).ThenByDescending(y => y)
            .ToList();

        if (terms.IsSingle && terms.Include[0].Length == 2)
        {
            // one pair is the whole text: its list is exactly the forms that contain it, counted without reading it
            var gram = grams[0];
            var ids = new List<long>(pageSize);
            var before = 0L;
            foreach (var year in years)
            {
                var n = sizes[(gram, year)];
                if (ids.Count < pageSize && before + n > skip)
                {
                    using var list = await ReadListsAsync(connection, [gram], year, sizes, cancellationToken);
                    using var all = Intersect(list.Lists);
                    var from = (int)Math.Max(0, skip + ids.Count - before);
                    for (var i = from; i < all.Count && ids.Count < pageSize; i++)
                    {
                        ids.Add(all.Items[i]);
                    }
                }

                before += n;
            }

            return new Page(ids, before, false);
        }

        // a year at a time: intersect the lists, check the candidates' texts in order, stop at the limit
        var limit = Math.Max(countLimit, skip + pageSize) + 1;
        var matches = new List<long>();
        foreach (var year in years)
        {
            using var lists = await ReadListsAsync(connection, chosen, year, sizes, cancellationToken);
            using var candidates = Intersect(lists.Lists);
            var next = 0;
            var chunk = 256;
            while (next < candidates.Count && matches.Count < limit)
            {
                var take = (int)Math.Min(candidates.Count - next, Math.Max(chunk, Math.Min(limit - matches.Count, 4_096)));
                var slice = candidates.Items.AsSpan(next, take).ToArray();
                next += take;
                var found = await MatchesAsync(connection, slice, terms, cancellationToken);
                foreach (var id in slice)
                {
                    if (matches.Count < limit && found.Contains(id))
                    {
                        matches.Add(id);
                    }
                }

                chunk *= 4;
            }

            if (matches.Count >= limit)
            {
                break;
            }
        }

        var lowerBound = matches.Count == limit;
        return new Page(
            [.. matches.Skip((int)Math.Min(skip, int.MaxValue)).Take(pageSize)],
            lowerBound ? limit - 1 : matches.Count,
            lowerBound);
    }

    /// <summary>Ids in an array from the shared pool (returned on dispose): the lists of common pairs are long.</summary>
    internal sealed class IdList : IDisposable
    {
        public IdList(int capacity) => Items = ArrayPool<long>.Shared.Rent(Math.Max(capacity, 1));

        public long[] Items { get; private set; }

        public int Count { get; set; }

        public void Grow()
        {
            var bigger = ArrayPool<long>.Shared.Rent(Items.Length * 2);
            Items.AsSpan(0, Count).CopyTo(bigger);
            ArrayPool<long>.Shared.Return(Items);
            Items = bigger;
        }

        public void Dispose()
        {
            if (Items.Length > 0)
            {
                ArrayPool<long>.Shared.Return(Items);
                Items = [];
            }
        }
    }

    /// <summary>Several <see cref="IdList"/>s disposed together.</summary>
    internal sealed class IdLists(IdList[] lists) : IDisposable
    {
        public IdList[] Lists { get; } = lists;

        public void Dispose()
        {
            foreach (var list in Lists)
            {
                list.Dispose();
            }
        }
    }

    /// <summary>
    /// Each pair's ids in one year, ascending, decoded as they arrive (the stored bytes are never held whole); the
    /// arrays are sized by the counts read before.
    /// </summary>
    private static async Task<IdLists> ReadListsAsync(
        NpgsqlConnection connection, int[] grams, int year, Dictionary<(int Gram, int Year), long> sizes, CancellationToken cancellationToken)
    {
        var lists = new IdLists([.. grams.Select(g => new IdList((int)Math.Min(sizes.GetValueOrDefault((g, year)), int.MaxValue)))]);
        var index = grams.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await using var fetch = new NpgsqlCommand(
                "SELECT gram, ids FROM search_grams WHERE gram = ANY(@grams) AND year = @year ORDER BY gram, batch_id, part", connection);
            fetch.Parameters.Add(new NpgsqlParameter("grams", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = grams });
            fetch.Parameters.AddWithValue("year", year);
            await using var reader = await fetch.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var list = lists.Lists[index[reader.GetInt32(0)]];
                await using var stream = await reader.GetStreamAsync(1, cancellationToken);
                var decoder = default(Decoder);
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    decoder.Decode(buffer.AsSpan(0, read), list);
                }

                decoder.EnsureComplete();
            }
        }
        catch
        {
            lists.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return lists;
    }

    /// <summary>Varint differences decoded across the pieces of one stored list.</summary>
    private struct Decoder
    {
        private long value;
        private ulong delta;
        private int shift;

        public readonly void EnsureComplete()
        {
            if (shift != 0)
            {
                throw new InvalidDataException("a posting list of search_grams ends inside a number");
            }
        }

        public void Decode(ReadOnlySpan<byte> bytes, IdList into)
        {
            foreach (var b in bytes)
            {
                delta |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) != 0)
                {
                    shift += 7;
                    if (shift > 63)
                    {
                        throw new InvalidDataException("a posting list of search_grams has a number longer than 64 bits");
                    }

                    continue;
                }

                value += (long)delta;
                delta = 0;
                shift = 0;
                if (into.Count == into.Items.Length)
                {
                    into.Grow(); // more ids than the counts said (an import committed in between)
                }

                into.Items[into.Count++] = value;
            }
        }
    }

    /// <summary>The ids of <paramref name="ids"/> whose search text contains every included term and no excluded one (literal substrings).</summary>
    private static async Task<HashSet<long>> MatchesAsync(NpgsqlConnection connection, long[] ids, SearchTerms terms, CancellationToken cancellationToken)
    {
        var found = new HashSet<long>();
        var conditions = terms.Include.Select((_, i) => $" AND strpos(text, @i{i}) > 0").Concat(terms.Exclude.Select((_, i) => $" AND strpos(text, @x{i}) = 0"));
        await using var check = new NpgsqlCommand("SELECT form_id FROM form_search WHERE form_id = ANY(@ids)" + string.Concat(conditions), connection);
        check.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        for (var i = 0; i < terms.Include.Count; i++)
        {
            check.Parameters.AddWithValue("i" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), terms.Include[i]);
        }

        for (var i = 0; i < terms.Exclude.Count; i++)
        {
            check.Parameters.AddWithValue("x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), terms.Exclude[i]);
        }

        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetInt64(0));
        }

        return found;
    }

    /// <summary>The ids in every list (each ascending), descending, in a pooled list.</summary>
    private static IdList Intersect(IdList[] lists)
    {
        foreach (var list in lists)
        {
            if (!IsAscending(list))
            {
                Array.Sort(list.Items, 0, list.Count);
            }
        }

        var order = lists.OrderBy(l => l.Count).ToArray();
        var shortest = order[0];
        var result = new IdList(shortest.Count);
        if (order.Any(l => l.Count == 0))
        {
            return result;
        }

        // walk the shortest list from its end; every other list keeps a position that only moves down
        var positions = order.Select(l => l.Count - 1).ToArray();
        for (var i = shortest.Count - 1; i >= 0; i--)
        {
            var id = shortest.Items[i];
            var all = true;
            for (var k = 1; k < order.Length; k++)
            {
                var other = order[k].Items;
                var j = positions[k];
                while (j >= 0 && other[j] > id)
                {
                    j--;
                }

                positions[k] = j;
                if (j < 0)
                {
                    return result;
                }

                if (other[j] != id)
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                result.Items[result.Count++] = id;
            }
        }

        return result;
    }

    /// <summary>Parts and batches usually arrive in id order; imports that ran at the same time may interleave.</summary>
    private static bool IsAscending(IdList list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (list.Items[i] < list.Items[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
