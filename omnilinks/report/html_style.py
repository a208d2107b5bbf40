"""The HTML report's inline stylesheet: system fonts only, so the file needs nothing from the network."""

STYLE = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--err:#cf222e;--warn:#9a6700;--note:#0969da;
--ok:#1a7f37;--errbg:#ffebe9;--warnbg:#fff8c5;--notebg:#ddf4ff;--okbg:#dafbe1}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",
Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:28px 24px 48px}
section{background:#fff;border:1px solid var(--line);border-radius:12px;padding:20px 24px;margin:0 0 20px}
h1{font-size:28px;margin:2px 0 0;line-height:1.2}
h2{font-size:20px;margin:0 0 12px}
h3{font-size:16px;margin:22px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3 small{color:var(--muted);font-weight:normal}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:20px;background:#fff;
border:1px solid var(--line);border-radius:12px;padding:20px 24px;margin:0 0 12px}
.score{display:flex;align-items:center;gap:20px}
.score-label{color:var(--muted);text-transform:uppercase;font-size:12px;letter-spacing:.06em;font-weight:600}
.target,.stats{margin:2px 0;color:var(--muted);word-break:break-all}
.gauge{width:112px;height:112px;flex:none}
.gauge .track{fill:none;stroke:#eaeef2;stroke-width:12}
.gauge .arc{fill:none;stroke-width:12;stroke-linecap:round}
.gauge.good .arc{stroke:var(--ok)}.gauge.fair .arc{stroke:#d4a72c}.gauge.poor .arc{stroke:var(--err)}
.gauge-value{font-size:34px;font-weight:700;text-anchor:middle;fill:var(--fg)}
.counts{display:flex;gap:12px}
.count{min-width:96px;text-align:center;border-radius:10px;padding:10px 14px;color:var(--muted);font-size:13px}
.count b{display:block;font-size:26px;line-height:1.2}
.count.error{background:var(--errbg)}.count.error b{color:var(--err)}
.count.warning{background:var(--warnbg)}.count.warning b{color:var(--warn)}
.count.notice{background:var(--notebg)}.count.notice b{color:var(--note)}
.how{color:var(--muted);font-size:12px;margin:0 4px 20px}
.banner{background:var(--warnbg);border:1px solid #d4a72c;border-radius:8px;padding:10px 14px}
.map{display:block;width:100%;max-width:980px;height:auto;margin:0 auto}
.node-title{font-size:15px;font-weight:700;text-anchor:middle;fill:var(--fg)}
.node-sub{font-size:12px;text-anchor:middle;fill:var(--muted)}
.node-status{font-size:12px;font-weight:700;text-anchor:middle;text-transform:uppercase;letter-spacing:.04em}
.site-title{font-size:16px;font-weight:700;text-anchor:middle;fill:#fff}
.site-sub{font-size:12px;text-anchor:middle;fill:#fff}
.legend{display:flex;flex-wrap:wrap;gap:18px;justify-content:center;color:var(--muted);font-size:13px}
.legend-item{display:inline-flex;align-items:center;gap:6px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:8px 10px;text-align:left;vertical-align:top}
thead th{background:var(--bg);font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
td.url{word-break:break-all}
.channels{margin-top:16px}
.status{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12px;font-weight:600;white-space:nowrap}
.status.verified{background:var(--okbg);color:var(--ok)}
.status.mismatch,.status.unreachable{background:var(--errbg);color:var(--err)}
.status.unverifiable{background:var(--warnbg);color:var(--warn)}
.status.not_applicable{background:#eaeef2;color:var(--muted)}
.scroll{overflow-x:auto}
.nap th[scope=row]{min-width:180px;word-break:break-all}
.nap .sub{font-weight:normal;color:var(--muted);font-size:12px}
.nap tr.reference{background:#f0f6ff}
.nap td.disagree{background:var(--errbg);color:var(--err);font-weight:600}
.nap td.agree{color:var(--ok)}
.nap td.phone,.nap td.hours{white-space:nowrap}
.nap td.empty,.nap td.unreadable{color:#8c959f}
.nap td.unreadable{font-style:italic}
.note{color:var(--muted);font-size:13px}
.finding{border:1px solid var(--line);border-left:5px solid var(--note);border-radius:8px;padding:10px 14px;
margin:0 0 10px}
.finding.error{border-left-color:var(--err)}.finding.warning{border-left-color:#d4a72c}
.line1{display:flex;gap:10px;align-items:baseline}
.sev{font-size:11px;font-weight:700;text-transform:uppercase;border-radius:4px;padding:1px 6px;flex:none}
.error .sev{background:var(--errbg);color:var(--err)}.warning .sev{background:var(--warnbg);color:var(--warn)}
.notice .sev{background:var(--notebg);color:var(--note)}
.msg{font-weight:600;word-break:break-word}
.meta{color:var(--muted);font-size:13px;margin-top:2px;word-break:break-all}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:13px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0 0;font-size:14px}
dt{color:var(--muted)}dd{margin:0;word-break:break-all}
.fix{margin-top:8px;background:var(--okbg);border-radius:6px;padding:8px 12px}
.fix b{color:var(--ok);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
.fix pre{margin:4px 0 0;white-space:pre-wrap;word-break:break-word}
.clean{color:var(--ok);font-weight:600}
footer{color:var(--muted);font-size:12px;text-align:center}
@media print{body{background:#fff}section,header{break-inside:avoid-page}}
"""
