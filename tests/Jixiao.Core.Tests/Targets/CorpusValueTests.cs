using Jixiao.Core.Targets;
using Jixiao.Tests.Shared;

namespace Jixiao.Core.Tests.Targets;

/// <summary>
/// Every cell of the real published forms in ../shared/corpus goes through the grammar. The cells are read in
/// place; no corpus text is copied here.
/// </summary>
public sealed class CorpusValueTests
{
    private sealed record Tally(int OperatorCells, int OperatorCellsRead, int BandLabels, int PartiallyAchieved, int Growths, int Unreadable);

    private static Tally Read(string file)
    {
        int operatorCells = 0, operatorCellsRead = 0, bands = 0, partial = 0, growths = 0, unreadable = 0;
        foreach (var line in File.ReadLines(Corpus.PathOf(file)))
        {
            foreach (var cell in line.Split('\t'))
            {
                var v = TargetParser.Parse(cell);
                Assert.Same(cell, v.Raw);
                var t = cell.AsSpan().Trim();
                if (!t.IsEmpty && t[0] is '=' or '≥' or '≤' or '>' or '<')
                {
                    operatorCells++;
                    if (v.Kind == TargetValueKind.Quantitative && v.Number is not null && v.Unit is not null)
                    {
                        operatorCellsRead++;
                    }
                }

                bands += v.Band == QualitativeBand.None ? 0 : 1;
                partial += v.Band == QualitativeBand.PartiallyAchieved ? 1 : 0;
                growths += v.Kind == TargetValueKind.Growth ? 1 : 0;
                unreadable += v.Kind == TargetValueKind.Unreadable ? 1 : 0;
            }
        }

        return new Tally(operatorCells, operatorCellsRead, bands, partial, growths, unreadable);
    }

    [Theory]
    [InlineData(Corpus.Police2024, 181, 168, 36, 0)]
    [InlineData(Corpus.Police2023Targets, 4, 0, 0, 0)]
    [InlineData(Corpus.DataBureau2024, 34, 340, 0, 0)]
    [InlineData(Corpus.Songnan2023, 29, 0, 0, 8)]
    public void Reads_every_corpus_value_that_starts_with_an_operator_and_counts_bands_and_growths(
        string file, int operatorCells, int bandLabels, int partiallyAchieved, int growths)
    {
        var tally = Read(file);
        Assert.Equal(operatorCells, tally.OperatorCells);
        Assert.Equal(operatorCells, tally.OperatorCellsRead);
        Assert.Equal(bandLabels, tally.BandLabels);
        Assert.Equal(partiallyAchieved, tally.PartiallyAchieved);
        Assert.Equal(growths, tally.Growths);
        Assert.Equal(0, tally.Unreadable);
    }
}
