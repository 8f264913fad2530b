/**
 * A server-rendered API reference from the OpenAPI document: no JavaScript and no CDN, so it works
 * offline and under the gateway's strict CSP (styles from /docs/style.css).
 */
type Operation = {
  summary?: string;
  tags?: string[];
  security?: { bearer?: string[] }[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
};

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderDocsPage(doc: {
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
}): string {
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const scope = op.security?.[0]?.bearer;
      const auth =
        !op.security || op.security.length === 0
          ? 'public'
          : scope && scope.length > 0
            ? `scope ${scope.join(', ')}`
            : 'any API key';
      const params = (op.parameters ?? []).filter((p) => p.in !== 'header');
      const body = op.requestBody
        ? Object.entries(op.requestBody.content)
            .map(
              ([type, c]) =>
                `<details><summary>${esc(type)}</summary><pre>${esc(JSON.stringify(c.schema ?? {}, null, 2))}</pre></details>`,
            )
            .join('')
        : '';
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => {
          const content = Object.entries(r.content ?? {})
            .map(
              ([type, c]) =>
                `<details><summary>${esc(type)}</summary><pre>${esc(JSON.stringify(c.schema ?? {}, null, 2))}</pre></details>`,
            )
            .join('');
          return `<li><code>${esc(status)}</code> ${esc(r.description)}${content}</li>`;
        })
        .join('');
      sections.push(
        `<section id="${esc(`${method}-${path}`)}"><h2><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>` +
          `<p>${esc(op.summary ?? '')} <span class="auth">(${esc(auth)})</span></p>` +
          (params.length
            ? `<p>Parameters: ${params.map((p) => `<code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})`).join(', ')}</p>`
            : '') +
          (body ? `<h3>Request body</h3>${body}` : '') +
          `<h3>Responses</h3><ul>${responses}</ul></section>`,
      );
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} — API</title><link rel="stylesheet" href="/docs/style.css"></head>
<body><header><h1>${esc(doc.info.title)}</h1><p>API v${esc(doc.info.version)} · <a href="/openapi.json">openapi.json</a></p><p>${esc(doc.info.description)}</p></header>
<main>${sections.join('\n')}</main></body></html>`;
}

export const docsCss = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:1rem;color:#1b1f24;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.05rem;margin:1.6rem 0 .3rem}h3{font-size:.9rem;margin:.6rem 0 .2rem}
section{border-top:1px solid #d0d7de;padding:.4rem 0}code{background:#f3f4f6;padding:0 .25rem;border-radius:3px}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:12px}.m{display:inline-block;min-width:4.2rem;font-weight:700}
.get{color:#0a6b2c}.post{color:#0550ae}.delete{color:#a40e26}.auth{color:#57606a;font-size:.9em}a{color:#0550ae}`;
