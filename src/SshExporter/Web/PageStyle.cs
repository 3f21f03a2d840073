namespace SshExporter.Web;

/// <summary>
/// The pages' only style sheet, inline: the exporter serves no assets and must not make a browser fetch any. Colours
/// keep at least 4.5:1 contrast; narrow screens (a phone at 390 px) get one column and tables that scroll on their own.
/// </summary>
internal static class PageStyle
{
    public const string Css = """
        body{font-family:system-ui,sans-serif;max-width:62em;margin:1em auto;padding:0 .8em;line-height:1.45;color:#1a1a1a;background:#fff}
        h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.4em 0 .4em}h3{font-size:1.05em;margin:0 0 .3em}
        a{color:#0b57d0}
        .verdict{border:1px solid #c8c8c8;border-left:.5em solid #595959;border-radius:4px;padding:.5em .8em;margin:.7em 0;background:#f5f5f5}
        .verdict.critical{border-left-color:#b3261e;background:#fdecea}
        .verdict.warning{border-left-color:#8a5300;background:#fff4e0}
        .verdict.healthy{border-left-color:#1b6e20;background:#edf7ed}
        .state{display:inline-block;padding:0 .45em;border-radius:3px;color:#fff;background:#595959;margin-right:.3em}
        .critical .state{background:#b3261e}.warning .state{background:#8a5300}.healthy .state{background:#1b6e20}
        .sentence{font-size:1.05em;margin:.2em 0}.label{margin:.4em 0 0;font-weight:bold}.meta{font-size:.9em;color:#3d3d3d;margin:.4em 0 0}
        pre,code{font-family:ui-monospace,monospace;font-size:.92em}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #d6d6d6;padding:.35em .5em;margin:.2em 0}
        .scroll{overflow-x:auto}.scroll table{min-width:34em}
        table{border-collapse:collapse;width:100%}td,th{border:1px solid #c8c8c8;padding:.2em .45em;text-align:left;vertical-align:top;overflow-wrap:break-word}
        th{background:#f0f0f0}.fail{color:#b3261e}
        details{margin:.3em 0}summary{cursor:pointer}
        form label{display:inline-block;margin:.2em .6em .2em 0}
        @media (max-width:40em){body{margin:.5em auto;padding:0 .5em}h1{font-size:1.35em}td,th{padding:.15em .3em}}
        """;
}
