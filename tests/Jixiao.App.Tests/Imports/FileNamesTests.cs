using Jixiao.App.Imports;

namespace Jixiao.App.Tests.Imports;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("forms.txt", "forms.txt")]
    [InlineData("C:\\Users\\a\\表单 2024.txt", "表单 2024.txt")]
    [InlineData("/tmp/x/../y/forms.json", "forms.json")]
    [InlineData("  spaced.txt  ", "spaced.txt")]
    [InlineData("bad\u0001name\u0007.txt", "badname.txt")]
    public void A_name_keeps_only_the_file_s_own_name_without_control_characters(string given, string expected) =>
        Assert.Equal(expected, FileNames.Clean(given));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dir/")]
    [InlineData("\u0001\u0002")]
    public void Nothing_left_gives_the_fallback(string? given)
    {
        Assert.Equal("upload", FileNames.Clean(given));
        Assert.Equal("upload.txt", FileNames.Clean(given, "upload.txt"));
    }

    [Fact]
    public void A_long_name_is_cut_in_its_stem_and_keeps_its_extension()
    {
        var name = new string('长', 300) + ".json";
        var clean = FileNames.Clean(name);
        Assert.Equal(FileNames.MaxLength, clean.Length);
        Assert.EndsWith(".json", clean, StringComparison.Ordinal);
    }
}
