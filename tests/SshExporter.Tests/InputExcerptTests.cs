using CsCheck;

namespace SshExporter.Tests;

public class InputExcerptTests
{
    [Theory]
    [InlineData("db1.example.com", "db1.example.com")]
    [InlineData("", "")]
    [InlineData("a\u001b[31mb", @"a\u001b[31mb")]
    [InlineData("b\u00fccher", @"b\u00fccher")]
    [InlineData("back\\slash", @"back\\slash")]
    [InlineData("\u202eevil", @"\u202eevil")]
    public void Printable_ASCII_stays_and_everything_else_is_escaped(string input, string excerpt) =>
        Assert.Equal(excerpt, InputExcerpt.Of(input));

    [Fact]
    public void A_long_input_is_cut_to_64_characters_and_marked()
    {
        Assert.Equal(new string('a', 64), InputExcerpt.Of(new string('a', 64)));
        Assert.Equal(new string('a', 64) + "...", InputExcerpt.Of(new string('a', 65)));
        // An escape is never cut in half.
        Assert.Equal(new string('a', 60) + "...", InputExcerpt.Of(new string('a', 60) + "\u0007"));
    }

    [Fact]
    public void Any_input_gives_at_most_67_printable_ASCII_characters() =>
        Gen.String.Sample(text =>
        {
            string excerpt = InputExcerpt.Of(text);
            return excerpt.Length <= InputExcerpt.MaxLength + 3 && excerpt.All(c => c is >= ' ' and <= '~');
        }, iter: 5_000);
}
