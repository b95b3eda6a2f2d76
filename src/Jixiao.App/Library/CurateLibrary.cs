using System.Globalization;
using Jixiao.App.Access;
using Jixiao.Data.Accounts;
using Jixiao.Data.Library;

namespace Jixiao.App.Library;

/// <summary>A curation of the indicator library (指标库维护).</summary>
public enum CurationAction
{
    /// <summary>The entry absorbs another one (同义合并): the other's names count for it.</summary>
    Absorb,

    /// <summary>A merged entry is split off again (取消合并).</summary>
    Split,

    /// <summary>推荐.</summary>
    Recommend,

    /// <summary>取消推荐.</summary>
    Unrecommend,

    /// <summary>停用: never suggested again.</summary>
    Retire,

    /// <summary>恢复使用.</summary>
    Restore,
}

/// <summary>How a curation ended for the caller.</summary>
public enum CurationResult
{
    Done,

    /// <summary>The caller may not curate (administrators only).</summary>
    Forbidden,

    NotFound,

    /// <summary>An entry merged into another one was named: curate that one, or split it off first.</summary>
    Merged,

    /// <summary>An entry cannot absorb itself.</summary>
    SameEntry,

    /// <summary>A split of an entry that is not merged.</summary>
    NotMerged,

    /// <summary>The note is longer than <see cref="LibraryStore.NoteLength"/>.</summary>
    NoteTooLong,
}

/// <summary>
/// The use case "curate the indicator library" (指标库维护): an administrator lets one entry absorb another (its synonyms
/// then count, and are suggested, as the one entry), splits a merged entry off again, recommends an entry (suggested
/// first) or retires one (never suggested; a note says why). Each change and its audit entry are written in one
/// transaction (<see cref="LibraryStore"/>).
/// </summary>
public sealed class CurateLibrary(LibraryStore store)
{
    /// <summary>
    /// Applies <paramref name="action"/> to entry <paramref name="id"/>; <paramref name="other"/> is the entry absorbed
    /// (<see cref="CurationAction.Absorb"/>), <paramref name="note"/> an optional reason.
    /// </summary>
    public async Task<CurationResult> ExecuteAsync(Caller caller, long id, CurationAction action, long? other = null, string? note = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!AccessPolicy.Allows(caller, Permission.CurateLibrary))
        {
            return CurationResult.Forbidden;
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text?.Length > LibraryStore.NoteLength)
        {
            return CurationResult.NoteTooLong;
        }

        var code = action switch
        {
            CurationAction.Absorb => "library-merge",
            CurationAction.Split => "library-split",
            CurationAction.Recommend => "library-recommend",
            CurationAction.Unrecommend => "library-unrecommend",
            CurationAction.Retire => "library-retire",
            _ => "library-restore",
        };
        AuditRecord Audit(CuratedEntries entries)
        {
            var details = action == CurationAction.Absorb
                ? $"from={CuratedEntries.Describe(entries.Entries[1])}; into={CuratedEntries.Describe(entries.Entries[0])}"
                : $"name={CuratedEntries.Describe(entries.Entries[0])}";
            return new AuditRecord(caller.Name, code, "library-entry", id.ToString(CultureInfo.InvariantCulture), text is null ? details : details + "; note=" + text);
        }

        var outcome = action switch
        {
            CurationAction.Absorb => other is { } absorbed
                ? await store.MergeAsync(id, absorbed, Audit, caller.Name, cancellationToken)
                : CurationOutcome.NotFound,
            CurationAction.Split => await store.SplitAsync(id, Audit, caller.Name, cancellationToken),
            CurationAction.Recommend or CurationAction.Unrecommend => await store.SetRecommendedAsync(id, action == CurationAction.Recommend, Audit, caller.Name, cancellationToken),
            _ => await store.SetRetiredAsync(id, action == CurationAction.Retire, text, Audit, caller.Name, cancellationToken),
        };
        return outcome switch
        {
            CurationOutcome.Done => CurationResult.Done,
            CurationOutcome.Merged => CurationResult.Merged,
            CurationOutcome.SameEntry => CurationResult.SameEntry,
            CurationOutcome.NotMerged => CurationResult.NotMerged,
            _ => CurationResult.NotFound,
        };
    }
}
