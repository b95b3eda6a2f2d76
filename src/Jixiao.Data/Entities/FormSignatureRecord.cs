namespace Jixiao.Data.Entities;

/// <summary>
/// One signature of a stored form (<see cref="Core.Checks.Across.FormSignatures"/>): the checks across forms compare a
/// new form with the stored forms that share one of its signatures, found through the key (kind, hash).
/// </summary>
public sealed class FormSignatureRecord
{
    /// <summary><see cref="Core.Checks.Across.SignatureKind"/>.</summary>
    public short Kind { get; set; }

    public long Hash { get; set; }

    public long FormId { get; set; }
}
