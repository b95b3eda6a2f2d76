using System.Globalization;
using Jixiao.App.Access;
using Jixiao.Core.Workflow;
using Jixiao.Data.Accounts;
using Jixiao.Data.Filings;

namespace Jixiao.App.Filings;

/// <summary>
/// The use case "save a form" (保存): the department's filler stores a new version of a draft (or of a returned form
/// being corrected). The caller says which version they edited; when the filing has moved on since, nothing is
/// written and the answer names who changed it and what (<see cref="FilingConflict"/>) — two people editing the same
/// form never overwrite each other. A save that changes nothing writes nothing. Each save keeps its content as a
/// revision, and is audited, in one transaction.
/// </summary>
public sealed class SaveFiling(FilingCatalog filings, TimeProvider clock)
{
    /// <summary>Saves <paramref name="content"/> (<c>jixiao.form/1</c>) as the next version of filing <paramref name="id"/>, edited from <paramref name="expectedVersion"/>.</summary>
    public async Task<FilingResult> ExecuteAsync(Caller caller, long id, int expectedVersion, string? content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (filing, refusal) = await filings.OpenAsync(caller, id, FilingAction.Save, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = FilingContent.Read(content, filing!.Kind, filing.Department, out var problem, out var message);
        if (form is null)
        {
            return FilingResult.Invalid(problem, message);
        }

        var json = FilingContent.Write(form);
        if (string.Equals(json, filing.Content, StringComparison.Ordinal))
        {
            return await filings.DoneAsync(caller, id, null, cancellationToken);
        }

        var changed = FilingContent.Compare(filing.Content, json);
        var fields = string.Join(" ", changed.Take(5).Select(c => c.Field)) + (changed.Count > 5 ? " …" : "");
        var change = new FilingChange(id, expectedVersion, filing.Status, filing.Status, caller.Name, clock.GetUtcNow().UtcDateTime,
        [
            new AuditRecord(caller.Name, "filing-save", "filing", id.ToString(CultureInfo.InvariantCulture),
                $"revision={(expectedVersion + 1).ToString(CultureInfo.InvariantCulture)}; fields={changed.Count.ToString(CultureInfo.InvariantCulture)}; cells={fields}; project={form.ProjectName}"),
        ])
        {
            Content = new FilingContentUpdate(json, form.Year!.Value, form.ProjectName, form.ImplementingUnit),
        };
        return await filings.Store.WriteAsync(change, cancellationToken)
            ? await filings.DoneAsync(caller, id, null, cancellationToken)
            : await filings.ConflictAsync(id, expectedVersion, cancellationToken);
    }
}
