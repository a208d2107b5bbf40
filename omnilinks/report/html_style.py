"""The HTML report's inline stylesheet: system fonts only, so the file needs nothing from the network.

Below 720 px the channel map gives way to the channel list and the comparison
table turns into one block per source; printed on A4, cards and table rows are
never cut and the technical details are left out.
"""

STYLE = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--err:#cf222e;--warn:#9a6700;--note:#0969da;
--ok:#1a7f37;--errbg:#ffebe9;--warnbg:#fff8c5;--notebg:#ddf4ff;--okbg:#dafbe1}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",
Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;overflow-wrap:break-word}
main{max-width:1100px;margin:0 auto;padding:24px 20px 48px}
section{background:#fff;border:1px solid var(--line);border-radius:12px;padding:20px 24px;margin:0 0 20px}
h1{font-size:30px;margin:0;line-height:1.2}
h2{font-size:20px;margin:0 0 12px}
h3{font-size:16px;margin:22px 0 10px}
h3 small{color:var(--muted);font-weight:normal}
h4{font-size:16px;margin:0}
a{color:var(--note)}
.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:16px 28px;background:#fff;
border:1px solid var(--line);border-radius:12px;padding:22px 24px;margin:0 0 20px}
.eyebrow{margin:0;color:var(--muted);text-transform:uppercase;font-size:12px;letter-spacing:.08em;font-weight:600}
.site-url{margin:2px 0;font-size:18px;color:var(--note);font-weight:600}
.site-url small{color:var(--muted);font-weight:normal;font-size:13px}
.when{margin:4px 0 0;color:var(--muted);font-size:13px}
.scorebox{display:flex;align-items:center;gap:16px}
.gauge{width:104px;height:104px;flex:none}
.gauge .track{fill:none;stroke:#eaeef2;stroke-width:12}
.gauge .arc{fill:none;stroke-width:12;stroke-linecap:round}
.gauge.good .arc{stroke:var(--ok)}.gauge.fair .arc{stroke:#d4a72c}.gauge.poor .arc{stroke:var(--err)}
.gauge-value{font-size:34px;font-weight:700;text-anchor:middle;fill:var(--fg)}
.grade{font-size:18px;font-weight:700}.grade.good{color:var(--ok)}.grade.fair{color:var(--warn)}
.grade.poor{color:var(--err)}
.tally{display:flex;flex-direction:column;font-size:14px}
.t-error{color:var(--err);font-weight:600}.t-warning{color:var(--warn);font-weight:600}.t-notice{color:var(--muted)}
.small{font-size:13px}
.banner{background:var(--warnbg);border:1px solid #d4a72c;border-radius:8px;padding:10px 14px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:14px}
.tile{border:1px solid var(--line);border-top:5px solid var(--ok);border-radius:10px;padding:12px 14px}
.tile.error{border-top-color:var(--err)}.tile.warning{border-top-color:#d4a72c}
.tile h3{margin:0 0 4px;font-size:16px;display:flex;justify-content:space-between;align-items:flex-start;gap:8px}
.tile .n{flex:none;background:var(--bg);border-radius:999px;padding:0 9px;font-size:14px}
.tile.error .n{background:var(--errbg);color:var(--err)}.tile.warning .n{background:var(--warnbg);color:var(--warn)}
.tile .blurb{color:var(--muted);font-size:13px;margin:0 0 6px}
.tile ul{margin:0;padding-left:18px;font-size:14px}.tile li{margin:3px 0}
.tile a{color:var(--fg)}.tile small{display:block;color:var(--muted);overflow-wrap:anywhere}.tile .more{color:var(--muted);list-style:none}
.ok-line{color:var(--ok);font-weight:600;margin:0}
.map-wrap{margin:0 0 8px}
.map{display:block;width:100%;max-width:980px;height:auto;margin:0 auto}
.node-title{font-size:14px;font-weight:700;text-anchor:middle;fill:var(--fg)}
.node-sub{font-size:12px;text-anchor:middle;fill:var(--muted)}
.node-status{font-size:12px;font-weight:700;text-anchor:middle;text-transform:uppercase;letter-spacing:.04em}
.site-title{font-size:16px;font-weight:700;text-anchor:middle;fill:#fff}
.site-sub{font-size:12px;text-anchor:middle;fill:#fff}
.legend{display:flex;flex-wrap:wrap;gap:8px 18px;justify-content:center;color:var(--muted);font-size:13px}
.legend-item{display:inline-flex;align-items:center;gap:6px}
.channel-list{list-style:none;margin:12px 0 0;padding:0;display:grid;
grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:10px}
.ch{display:flex;gap:12px;align-items:flex-start;border:1px solid var(--line);border-left:5px solid #8c959f;
border-radius:10px;padding:10px 12px;min-width:0}
.ch.ok{border-left-color:var(--ok)}.ch.problem{border-left-color:var(--err)}
.ch.attention{border-left-color:#d4a72c}
.icon{flex:none;vertical-align:middle}
.ch-body{min-width:0}
.ch-head{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center}
.ch-handle,.reason{margin:2px 0 0;color:var(--muted);font-size:13px}
.pill{display:inline-block;border-radius:999px;padding:0 10px;font-size:12px;font-weight:700;background:#eaeef2;
color:var(--muted)}
.pill.ok{background:var(--okbg);color:var(--ok)}.pill.problem{background:var(--errbg);color:var(--err)}
.pill.attention{background:var(--warnbg);color:var(--warn)}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:8px 10px;text-align:left;vertical-align:top}
thead th{background:var(--bg);font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.num{text-align:right;white-space:nowrap}
.nap th[scope=row]{min-width:150px}
.nap th .icon{margin-right:4px}
.nap .sub{font-weight:normal;color:var(--muted);font-size:12px}
.nap tr.reference{background:#f0f6ff}
.nap td.disagree{background:var(--errbg);color:var(--err);font-weight:600}
.nap td.agree{color:var(--ok)}
.nap td.empty,.nap td.unreadable{color:#8c959f}
.nap td.unreadable{font-style:italic}
.written{font-weight:normal;color:var(--muted);font-size:12px}
.note{color:var(--muted);font-size:13px}
.card{border:1px solid var(--line);border-left:5px solid var(--note);border-radius:10px;padding:12px 16px;
margin:0 0 12px}
.card.error{border-left-color:var(--err)}.card.warning{border-left-color:#d4a72c}
.card-head{display:flex;gap:10px;align-items:baseline}
.badge{font-size:11px;font-weight:700;text-transform:uppercase;border-radius:4px;padding:1px 7px;flex:none;
background:var(--notebg);color:var(--note)}
.error .badge{background:var(--errbg);color:var(--err)}.warning .badge{background:var(--warnbg);color:var(--warn)}
.also{margin:4px 0 0;padding-left:20px;font-weight:600;font-size:14px}
.subject{margin:6px 0 0;color:var(--muted);font-size:14px}
.why{margin:6px 0 0;font-size:14px}
.where{margin-top:6px;font-size:14px}.where b,.fix b{font-size:12px;text-transform:uppercase;letter-spacing:.05em}
.where ul{margin:2px 0 0;padding-left:20px}
.fix{margin-top:8px;background:var(--okbg);border-radius:6px;padding:8px 12px}
.fix b{color:var(--ok)}.fix p{margin:2px 0 0;white-space:pre-wrap}.fix ul{margin:2px 0 0;padding-left:20px}
.should{margin:2px 0 0;font-size:14px}
details{margin-top:8px;font-size:13px;color:var(--muted)}
summary{cursor:pointer}
.tech{padding-left:18px}.tech li{margin:6px 0}
.tech pre{white-space:pre-wrap;margin:4px 0 0;background:var(--bg);padding:6px 8px;border-radius:6px}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12px}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}
.score-table{max-width:640px}
.clean{color:var(--ok);font-weight:600}
footer{color:var(--muted);font-size:12px;text-align:center}
@media (max-width:720px){
main{padding:12px 10px 32px}
section,.top{padding:16px 14px}
h1{font-size:24px}
.map-wrap{display:none}
.channel-list{grid-template-columns:1fr}
.nap thead{display:none}
.nap,.nap tbody,.nap tr,.nap th,.nap td{display:block;width:100%}
.nap tr{border:1px solid var(--line);border-radius:8px;margin:0 0 10px;overflow:hidden}
.nap th[scope=row]{background:var(--bg)}
.nap td{display:flex;gap:10px;border-bottom:1px solid #eaeef2}
.nap td.empty{display:none}
.nap td::before{content:attr(data-label);flex:0 0 72px;color:var(--muted);font-weight:normal;font-style:normal;
font-size:12px;text-transform:uppercase;padding-top:2px}
}
@page{size:A4;margin:14mm}
@media print{
body{background:#fff;font-size:12px}
main{max-width:none;padding:0}
section,.top{border:none;padding:0;margin:0 0 14px}
.card,.tile,.ch,tr{break-inside:avoid}
h2,h3{break-after:avoid}
details,.small{display:none}
.map{max-height:120mm}
}
"""
