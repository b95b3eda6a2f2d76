using Jixiao.Ingest.Excel;

namespace Jixiao.Ingest.Tests.Excel;

/// <summary>Numbers given as their cells print them (按显示格式取值).</summary>
public sealed class CellFormatterTests
{
    [Theory]
    [InlineData(440306231391500000173d, "General", "4.403062313915E+20")]
    [InlineData(440306231391500000173d, null, "4.403062313915E+20")]
    [InlineData(1197585d, "General", "1197585")]
    [InlineData(0.1 + 0.2, "General", "0.3")]
    [InlineData(-2.5, "General", "-2.5")]
    [InlineData(10d, "0.00", "10.00")]
    [InlineData(2072.25, "#,##0.00", "2,072.25")]
    [InlineData(358211040d, "#,##0", "358,211,040")]
    [InlineData(1d, "0.00%", "100.00%")]
    [InlineData(0.955, "0.0%", "95.5%")]
    [InlineData(0.98, "0%", "98%")]
    [InlineData(9000d, "#,##0.00;[Red](#,##0.00)", "9,000.00")]
    [InlineData(-9000d, "#,##0.00;[Red](#,##0.00)", "(9,000.00)")]
    [InlineData(-12.5, "0.00", "-12.50")]
    [InlineData(0d, "_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * \"-\"??_ ;_ @_ ", "-")]
    [InlineData(1234.5, "_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * \"-\"??_ ;_ @_ ", "1,234.50")]
    [InlineData(-1234.5, "_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * \"-\"??_ ;_ @_ ", "-1,234.50")]
    [InlineData(12d, "0\"万元\"", "12万元")]
    [InlineData(1234.5, "[$¥-804]#,##0.00", "¥1,234.50")]
    [InlineData(3d, "@", "3")]
    [InlineData(12345.678, "0.00E+00", "1.23E+04")]
    [InlineData(45000d, "yyyy-mm-dd", "2023-03-15")]
    [InlineData(45000d, "yyyy\"年\"m\"月\"d\"日\"", "2023年3月15日")]
    [InlineData(45000d, "[$-804]yyyy\"年\"m\"月\";@", "2023年3月")]
    [InlineData(45000.5, "yyyy-mm-dd hh:mm", "2023-03-15 12:00")]
    [InlineData(0.75, "h:mm", "18:00")]
    [InlineData(0.75, "hh:mm:ss", "18:00:00")]
    [InlineData(45000d, "m/d/yyyy", "2023-03-15")]
    public void NumbersAreGivenAsPrinted(double value, string? format, string printed) =>
        Assert.Equal(printed, CellFormatter.Format(value, format));

    [Theory]
    [InlineData(14, "2023-03-15")]
    [InlineData(31, "2023年3月15日")]
    [InlineData(4, "45,000.00")]
    [InlineData(10, "4500000.00%")]
    [InlineData(49, "45000")]
    public void BuiltInFormatsAreKnown(int id, string printed) =>
        Assert.Equal(printed, CellFormatter.Format(45000d, CellFormatter.BuiltIn(id)));

    [Fact]
    public void Dates1904CountFromAnotherDay() =>
        Assert.Equal("2023-03-15", CellFormatter.Format(45000d - 1462, "yyyy-mm-dd", date1904: true));
}
