/// The page's inline style sheet: readable at 1280 px and on a 390 px phone (tables scroll sideways in
/// their own box; charts scale to the column; chart text grows on narrow screens).
enum ReportStyle {
    static let css = """
    :root{--fg:#1f2933;--muted:#52606d;--line:#d9e2ec;--bg:#ffffff;--panel:#f5f7fa;--kept:#2f855a;--dropped:#c53030;--bar:#2b6cb0;--accent:#b7791f}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
    header{background:#102a43;color:#f0f4f8;padding:20px 24px}
    header h1{margin:0;font-size:1.6rem;overflow-wrap:anywhere}
    header p{margin:4px 0 0;color:#bcccdc;overflow-wrap:anywhere}
    nav{display:flex;flex-wrap:wrap;gap:6px 14px;padding:10px 24px;background:var(--panel);border-bottom:1px solid var(--line);font-size:.9rem}
    nav a{color:var(--bar);text-decoration:none}
    main{max-width:1180px;margin:0 auto;padding:8px 24px 40px}
    section{margin-top:28px}
    h2{font-size:1.3rem;border-bottom:2px solid var(--line);padding-bottom:4px;margin:0 0 12px}
    h3{font-size:1.02rem;margin:18px 0 6px;overflow-wrap:anywhere}
    p.note{color:var(--muted);margin:6px 0}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
    .card{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px 12px}
    .card .k{color:var(--muted);font-size:.8rem}
    .card .v{font-size:1.25rem;font-weight:600;overflow-wrap:anywhere}
    .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
    table{border-collapse:collapse;font-size:.9rem;margin:4px 0 8px}
    th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap;vertical-align:top}
    th{background:var(--panel);font-weight:600}
    td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
    td.wrap{white-space:normal;overflow-wrap:anywhere;min-width:12em}
    .cbar{display:inline-block;height:10px;background:var(--bar);border-radius:2px;vertical-align:middle}
    .cbar.dropped{background:var(--dropped)}
    .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,440px),1fr));gap:18px}
    figure{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 10px}
    figcaption{font-weight:600;font-size:.92rem;overflow-wrap:anywhere}
    figure p{margin:2px 0;color:var(--muted);font-size:.82rem}
    svg.chart{width:100%;height:auto;display:block}
    svg.funnel{min-width:560px;max-width:900px}
    svg.chart text{font-size:13px;fill:var(--fg)}
    svg.chart .axis{stroke:#829ab1;stroke-width:1}
    svg.chart .bar{fill:var(--bar)}
    svg.chart .kept{fill:var(--kept)}
    svg.chart .dropped{fill:var(--dropped)}
    svg.chart .threshold{stroke:var(--dropped);stroke-width:2;stroke-dasharray:6 3}
    svg.chart text.threshold-label{fill:var(--dropped);font-weight:600}
    .ok{color:var(--kept);font-weight:700}
    .bad{color:var(--dropped);font-weight:700}
    .flag{color:var(--dropped);font-weight:600}
    table.cm td{text-align:center;min-width:3.2em}
    .matrices{display:flex;flex-wrap:wrap;gap:14px}
    pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto;max-height:520px;font-size:.8rem}
    code{overflow-wrap:anywhere}
    @media (max-width:600px){
      body{font-size:14px}
      header,nav{padding-left:12px;padding-right:12px}
      main{padding:4px 12px 32px}
      .cards{grid-template-columns:repeat(2,minmax(0,1fr))}
      .card .v{font-size:1.05rem}
      svg.chart:not(.funnel) text{font-size:20px}
    }
    """
}
