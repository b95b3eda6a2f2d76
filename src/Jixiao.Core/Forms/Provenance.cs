namespace Jixiao.Core.Forms;

/// <summary>Where a form came from: the file and the 1-based first and last line (or page) it occupied.</summary>
public sealed record Provenance(string File, int FirstLine, int LastLine);
