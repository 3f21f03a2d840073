using Microsoft.Extensions.Logging;
using SshExporter.Logging;

namespace SshExporter.Tests.Logging;

/// <summary>
/// The log line formats of <c>--log.format</c>, value by value. The expected logfmt texts are what Go writes: slog's
/// quoting rule with strconv.Quote's escapes, as Go itself printed them for these inputs.
/// </summary>
public class LogLineFormatTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 14, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "\"\"")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "back\\slash")]
    [InlineData("line1\nline2", "\"line1\\nline2\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("cr\r", "\"cr\\r\"")]
    [InlineData("nul\0", "\"nul\\x00\"")]
    [InlineData("bell\a", "\"bell\\a\"")]
    [InlineData("del\x7f", "\"del\\x7f\"")]
    [InlineData("esc\u001b[31m", "\"esc\\x1b[31m\"")]
    [InlineData("é", "é")]
    [InlineData("nbsp\u00a0x", "\"nbsp\\u00a0x\"")]
    [InlineData("zw\u200bsp", "\"zw\\u200bsp\"")]
    [InlineData("line\u2028sep", "\"line\\u2028sep\"")]
    [InlineData("emoji😀", "emoji😀")]
    [InlineData("k=v x=\"y\"", "\"k=v x=\\\"y\\\"\"")]
    [InlineData("-", "-")]
    [InlineData("http://a/b?c=d", "\"http://a/b?c=d\"")]
    [InlineData("[::1]:22", "[::1]:22")]
    [InlineData("ünï cödé", "\"ünï cödé\"")]
    [InlineData("priv\ue000", "\"priv\\ue000\"")]
    [InlineData("\U000e0001tag", "\"\\U000e0001tag\"")]
    public void A_value_is_quoted_and_escaped_as_go_does_and_reads_back_whole(string value, string expected)
    {
        string line = LogfmtLine.Format(Record(LogLevel.Information, "msg", ("v", value)));

        Assert.EndsWith(" v=" + expected, line, StringComparison.Ordinal);
        Assert.Equal(value, LogfmtParser.Parse(line).Single(pair => pair.Key == "v").Value);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void A_line_starts_with_time_level_source_and_msg_then_the_fields_then_err()
    {
        var record = LogRecord.Create(
            At,
            LogLevel.Error,
            "SshExporter.Config.ConfigStore",
            new KeyValuePair<string, object?>[] { new("Reason", "a.yml:2:5: unknown key 'adress'"), new("Targets", 3), new("{OriginalFormat}", "Rejected: {Reason}") },
            "Rejected: a.yml:2:5: unknown key 'adress'",
            new InvalidOperationException("outer", new IOException("inner\nline")));

        Assert.Equal(
            "time=2026-12-03T14:00:00.123Z level=ERROR source=SshExporter.Config.ConfigStore msg=\"Rejected: a.yml:2:5: unknown key 'adress'\" "
                + "reason=\"a.yml:2:5: unknown key 'adress'\" targets=3 err=\"InvalidOperationException: outer: IOException: inner\\nline\"",
            LogfmtLine.Format(record));
        Assert.Equal(
            """{"time":"2026-12-03T14:00:00.123Z","level":"ERROR","source":"SshExporter.Config.ConfigStore","msg":"Rejected: a.yml:2:5: unknown key 'adress'","reason":"a.yml:2:5: unknown key 'adress'","targets":3,"err":"InvalidOperationException: outer: IOException: inner\nline"}""",
            JsonLogLine.Format(record));
    }

    [Theory]
    [InlineData("Target", "target")]
    [InlineData("ProbeConcurrency", "probe_concurrency")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("address", "address")]
    [InlineData("ElapsedMilliseconds", "elapsed_milliseconds")]
    [InlineData("@Scope.Name", "scope_name")]
    public void Template_fields_become_snake_case_keys(string name, string key) => Assert.Equal(key, LogRecord.SnakeCase(name));

    [Theory]
    [InlineData("Source", "logged_source")]
    [InlineData("Msg", "logged_msg")]
    [InlineData("Time", "logged_time")]
    public void A_field_named_like_a_fixed_key_is_renamed_as_promslog_does(string name, string key)
    {
        var record = Record(LogLevel.Information, "m", (name, "x"));

        Assert.Equal(key, record.Fields.Single().Key);
        Assert.Single(LogfmtParser.Parse(LogfmtLine.Format(record)), pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Json_keeps_numbers_and_booleans_and_escapes_what_would_break_the_line()
    {
        var record = Record(LogLevel.Debug, "m", ("Count", 3), ("Seconds", 0.25), ("Up", true), ("Text", "a\"b\n\u001b"), ("Missing", null), ("Nan", double.NaN));

        string line = JsonLogLine.Format(record);

        Assert.DoesNotContain('\n', line);
        using var json = System.Text.Json.JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(["time", "level", "source", "msg", "count", "seconds", "up", "text", "missing", "nan"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("DEBUG", root.GetProperty("level").GetString());
        Assert.Equal(3, root.GetProperty("count").GetInt32());
        Assert.Equal(0.25, root.GetProperty("seconds").GetDouble());
        Assert.True(root.GetProperty("up").GetBoolean());
        Assert.Equal("a\"b\n\u001b", root.GetProperty("text").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("missing").ValueKind);
        Assert.Equal("NaN", root.GetProperty("nan").GetString());
    }

    [Theory]
    [InlineData(LogLevel.Debug, "DEBUG", 7)]
    [InlineData(LogLevel.Information, "INFO", 6)]
    [InlineData(LogLevel.Warning, "WARN", 4)]
    [InlineData(LogLevel.Error, "ERROR", 3)]
    [InlineData(LogLevel.Critical, "ERROR", 2)]
    public void Under_journald_each_line_starts_with_its_priority(LogLevel level, string name, int priority)
    {
        var record = Record(level, "m");

        string line = PromslogFormatter.Line(record, new PromslogFormatterOptions { JournalPriorityPrefix = true });

        Assert.Equal($"<{priority}>time=2026-12-03T14:00:00.123Z level={name} source=test msg=m\n", line);
        Assert.Equal("time=2026-12-03T14:00:00.123Z level=" + name + " source=test msg=m\n", PromslogFormatter.Line(record, new PromslogFormatterOptions()));
    }

    [Fact]
    public void Json_times_carry_the_fraction_they_have_as_go_writes_them()
    {
        Assert.StartsWith("{\"time\":\"2026-12-03T14:00:00Z\"", JsonLogLine.Format(Record(LogLevel.Information, "m") with { Time = new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero) }), StringComparison.Ordinal);
        Assert.StartsWith("{\"time\":\"2026-12-03T14:00:00.1234567Z\"", JsonLogLine.Format(Record(LogLevel.Information, "m") with { Time = At.AddTicks(4567) }), StringComparison.Ordinal);
    }

    private static LogRecord Record(LogLevel level, string message, params (string Name, object? Value)[] fields) =>
        LogRecord.Create(At, level, "test", fields.Select(f => new KeyValuePair<string, object?>(f.Name, f.Value)).ToArray(), message, null);
}
