namespace Jixiao.Data.Entities;

/// <summary>
/// One posting list of the PostgreSQL character-pair index (字符二元组索引): the ids of the forms of one import batch and
/// one year whose search text contains one pair of adjacent characters. Written by the importer (a part per up to
/// <see cref="Search.SearchGrams.PartForms"/> forms), removed with its batch, kept by <see cref="Search.SearchGrams"/>.
/// SQLite has its FTS5 character index instead and leaves this table empty.
/// </summary>
public sealed class SearchGramRecord
{
    /// <summary>The two UTF-16 code units, the first in the high half (<see cref="Search.SearchGrams.Gram"/>).</summary>
    public int Gram { get; set; }

    /// <summary>The forms' year, 0 when a form has none.</summary>
    public int Year { get; set; }

    public long BatchId { get; set; }

    /// <summary>Which part of the batch (the importer writes a batch in parts to bound its memory).</summary>
    public int Part { get; set; }

    /// <summary>How many ids <see cref="Ids"/> holds.</summary>
    public int Count { get; set; }

    /// <summary>The form ids, ascending, each as the difference to the one before in base-128 varint bytes.</summary>
    public byte[] Ids { get; set; } = [];
}
