import { type AgentDefinition, agentCatalog, type ToolName } from '@saeq/agents';
import { type Bom, type Cents, deviceTypeLabel, formatCad, unitLabel } from '@saeq/bom';
import {
  type BoxFillResult,
  type ConductorSizeResult,
  type DwellingLoadResult,
  formatNumber,
  formatQuantity,
  type VoltageDropResult,
} from '@saeq/electrical-code';
import type { Lang } from '@saeq/shared/i18n';
import { runTool, type ToolRun } from '../tools/registry.ts';
import type { ToolContext } from '../tools/tool.ts';
import { type Bilingual, type CalculationIntent, parseRequest } from './intents.ts';

/**
 * Offline mode: answers the requests the intent parser recognises by calling the same tools as
 * the model would, and shows their output through fixed templates. Anything else goes to the
 * norms knowledge base when the agent has `knowledge_search` (its entries are listed as found,
 * with the reference to cite), else gets a plain statement that the language model is not
 * configured. No pretend intelligence.
 */

export type OfflineResult = {
  answer: string;
  toolRuns: ToolRun[];
  /** offline_answer | offline_knowledge | offline_missing_input | offline_tool_error | offline_tool_not_allowed | offline_not_understood */
  stopReason: string;
  lang: Lang;
};

const t = (lang: Lang, text: Bilingual): string => text[lang];
const q = (value: number, unit: string, lang: Lang, decimals = 2) =>
  formatQuantity(value, unit, lang, decimals);
const bullets = (lines: readonly string[]): string => lines.map((line) => `- ${line}`).join('\n');

const header: Bilingual = {
  fr: 'Mode hors ligne : le modèle de langage n’est pas configuré sur ce serveur SAEQ. Réponse produite par un gabarit à partir de la sortie de l’outil',
  en: 'Offline mode: the language model is not configured on this SAEQ server. Answer produced by a template from the output of the tool',
};

const caveat: Bilingual = {
  fr: 'Aide à la vérification seulement, pas une approbation : la décision revient au maître électricien, et la RBQ ou Hydro-Québec tranchent dans leurs domaines.',
  en: 'A verification aid only, not an approval: the licensed master electrician decides, and the RBQ or Hydro-Québec rule in their own areas.',
};

/** What offline mode understands, with examples (also the answer to anything else). */
export function notConfiguredAnswer(lang: Lang): string {
  return lang === 'en'
    ? [
        'The language model is not configured on this SAEQ server (ANTHROPIC_API_KEY is not set), so this agent cannot answer free-form questions.',
        'Offline mode recognises these requests only, and answers them with SAEQ’s tools:',
        bullets([
          'a dwelling load: "calculated load of a 150 m² house with a 12 kW range and 10 kW heating"',
          'a conductor size: "wire size for 40 A copper 90 °C"',
          'a voltage drop: "voltage drop for 30 m of 12 AWG copper at 15 A, 120 V"',
          'a box fill: "box fill for a 300 mL box with four 14 AWG conductors and one device"',
          '"plan summary" and "bill of materials" (with a plan attached to the request)',
          'for the agents with the norms knowledge base (safety, compliance, training, code editions): a question about a standard, answered with the matching entries: "lockout", "meter height"',
        ]),
        'Calculations are also available at POST /v1/calculations/{kind}.',
      ].join('\n')
    : [
        'Le modèle de langage n’est pas configuré sur ce serveur SAEQ (ANTHROPIC_API_KEY absente) : cet agent ne peut donc pas répondre aux questions libres.',
        'Le mode hors ligne reconnaît seulement ces demandes et y répond avec les outils de SAEQ :',
        bullets([
          'une charge de logement : « charge calculée d’une maison de 150 m² avec cuisinière de 12 kW et chauffage de 10 kW »',
          'un calibre de conducteur : « calibre pour 40 A cuivre 90 °C »',
          'une chute de tension : « chute de tension pour 30 m de 12 AWG en cuivre à 15 A sous 120 V »',
          'un remplissage de boîte : « remplissage d’une boîte de 300 mL avec 4 conducteurs 14 AWG et 1 dispositif »',
          '« résumé du plan » et « liste de matériel » (avec un plan joint à la demande)',
          'pour les agents qui ont la base de connaissances des normes (sécurité, conformité, formation, éditions du code) : une question de norme, à laquelle répondent les entrées trouvées : « cadenassage », « hauteur du compteur »',
        ]),
        'Les calculs restent offerts par POST /v1/calculations/{kind}.',
      ].join('\n');
}

function agentsWithTool(tool: ToolName, lang: Lang): string {
  return agentCatalog
    .filter((agent) => agent.tools.includes(tool))
    .map((agent) => `${agent.id} (${agent.name[lang]})`)
    .join(', ');
}

function toolNotAllowed(agent: AgentDefinition, tool: ToolName, lang: Lang): string {
  return lang === 'en'
    ? `Offline mode: this agent (${agent.name.en}) has no access to the ${tool} tool that this request needs. Agents that have it: ${agentsWithTool(tool, lang)}.`
    : `Mode hors ligne : cet agent (${agent.name.fr}) n’a pas accès à l’outil ${tool} qu’exige cette demande. Agents qui l’ont : ${agentsWithTool(tool, lang)}.`;
}

function toolError(run: ToolRun, lang: Lang): string {
  const error = (run.output as { error?: { code?: string; message?: string } }).error;
  return lang === 'en'
    ? `Offline mode: the ${run.name} tool answered with an error (${error?.code ?? 'error'}): ${error?.message ?? ''}`
    : `Mode hors ligne : l’outil ${run.name} a répondu par une erreur (${error?.code ?? 'erreur'}) : ${error?.message ?? ''}`;
}

const intentNames: Record<CalculationIntent['kind'], Bilingual> = {
  dwelling_load: { fr: 'la charge du logement', en: 'the dwelling load' },
  conductor_size: { fr: 'le calibre du conducteur', en: 'the conductor size' },
  voltage_drop: { fr: 'la chute de tension', en: 'the voltage drop' },
  box_fill: { fr: 'le remplissage de la boîte', en: 'the box fill' },
};

function missingInput(intent: CalculationIntent, lang: Lang): string {
  const what = t(lang, intentNames[intent.kind]);
  const list = intent.missing.map((m) => t(lang, m)).join(', ');
  return lang === 'en'
    ? `Offline mode (language model not configured): to calculate ${what}, this is missing from the request: ${list}. Write it with its unit and ask again.`
    : `Mode hors ligne (modèle de langage non configuré) : pour calculer ${what}, il manque dans la demande : ${list}. Indiquez-le avec son unité et reposez la question.`;
}

type KnowledgeResult = { reference: string; source: string; title: string; summary: string };

/** How many knowledge entries an offline answer lists. */
const OFFLINE_KNOWLEDGE_ENTRIES = 3;

function knowledgeAnswer(results: readonly KnowledgeResult[], lang: Lang): string {
  const intro =
    lang === 'en'
      ? 'Offline mode (language model not configured): the norms knowledge base entries that match the question, best first. Summaries are written by SAEQ, not the text of the standards: cite the reference and check the official text.'
      : 'Mode hors ligne (modèle de langage non configuré) : les entrées de la base de connaissances des normes qui correspondent à la question, les plus pertinentes d’abord. Les résumés sont rédigés par SAEQ, pas le texte des normes : citez la référence et consultez le texte officiel.';
  const lines = results
    .slice(0, OFFLINE_KNOWLEDGE_ENTRIES)
    .map((r) => `${r.reference} (${r.source}) — ${r.title}${lang === 'en' ? ':' : ' :'} ${r.summary}`);
  return [`${intro}\n\n${bullets(lines)}`, t(lang, caveat)].join('\n\n');
}

type Trace = {
  steps: { ruleRef: string; label: string; value: string }[];
  assumptions: string[];
  ruleRefs: string[];
};

function traceSections(result: Trace & { edition: string }, parsed: Bilingual[], lang: Lang): string {
  const en = lang === 'en';
  const colon = en ? ':' : ' :';
  const assumptions = [...parsed.map((a) => t(lang, a)), ...result.assumptions];
  return [
    `${en ? 'Steps' : 'Étapes'}${colon}`,
    bullets(result.steps.map((s) => `${s.ruleRef} — ${s.label}${colon} ${s.value}`)),
    `${en ? 'Assumptions' : 'Hypothèses'}${colon}`,
    bullets(assumptions),
    `${en ? 'References' : 'Références'}${colon} ${result.ruleRefs.join(', ')} (${en ? 'edition' : 'édition'} ${result.edition})`,
  ].join('\n');
}

function calculationSummary(intent: CalculationIntent, output: unknown, lang: Lang): string {
  const en = lang === 'en';
  switch (intent.kind) {
    case 'dwelling_load': {
      const r = output as DwellingLoadResult;
      const breaker = r.minimumOvercurrentA === null ? '—' : q(r.minimumOvercurrentA, 'A', lang, 0);
      const service = r.serviceSizeA === null ? '—' : q(r.serviceSizeA, 'A', lang, 0);
      return en
        ? `Calculated load of the dwelling (Rule 8-200, edition ${r.edition}): ${q(r.calculatedLoadW, 'W', lang, 0)}; minimum load ${q(r.minimumLoadW, 'W', lang, 0)}; load retained ${q(r.demandLoadW, 'W', lang, 0)}, that is ${q(r.currentA, 'A', lang, 1)} at 240 V; minimum overcurrent rating ${breaker}; standard service size ${service}.`
        : `Charge calculée du logement (article 8-200, édition ${r.edition}) : ${q(r.calculatedLoadW, 'W', lang, 0)} ; charge minimale ${q(r.minimumLoadW, 'W', lang, 0)} ; charge retenue ${q(r.demandLoadW, 'W', lang, 0)}, soit ${q(r.currentA, 'A', lang, 1)} à 240 V ; calibre minimal de protection ${breaker} ; calibre de branchement normalisé ${service}.`;
    }
    case 'conductor_size': {
      const r = output as ConductorSizeResult;
      return en
        ? `Minimum conductor size: ${r.size} — allowable ampacity ${q(r.ampacityA, 'A', lang, 1)} (${r.table}), for a required ampacity of ${q(r.requiredAmpacityA, 'A', lang, 1)} (edition ${r.edition}).`
        : `Calibre minimal : ${r.size} — intensité admissible ${q(r.ampacityA, 'A', lang, 1)} (${r.table}), pour une intensité requise de ${q(r.requiredAmpacityA, 'A', lang, 1)} (édition ${r.edition}).`;
    }
    case 'voltage_drop': {
      const r = output as VoltageDropResult;
      const verdict = r.withinLimit
        ? en
          ? 'within the limit'
          : 'dans la limite'
        : en
          ? 'OVER the limit'
          : 'AU-DELÀ de la limite';
      return en
        ? `Voltage drop: ${q(r.dropV, 'V', lang)} (${q(r.dropPercent, '%', lang)}) — limit ${q(r.limitPercent, '%', lang)}: ${verdict} (Rule 8-102, edition ${r.edition}).`
        : `Chute de tension : ${q(r.dropV, 'V', lang)} (${q(r.dropPercent, '%', lang)}) — limite ${q(r.limitPercent, '%', lang)} : ${verdict} (article 8-102, édition ${r.edition}).`;
    }
    case 'box_fill': {
      const r = output as BoxFillResult;
      const verdict = r.withinLimit
        ? en
          ? 'the box is large enough'
          : 'la boîte est assez grande'
        : en
          ? 'the box is TOO SMALL'
          : 'la boîte est TROP PETITE';
      return en
        ? `Box fill: required volume ${q(r.requiredML, 'mL', lang, 1)}, available ${q(r.availableML, 'mL', lang, 1)}: ${verdict} (edition ${r.edition}).`
        : `Remplissage de boîte : volume requis ${q(r.requiredML, 'mL', lang, 1)}, disponible ${q(r.availableML, 'mL', lang, 1)} : ${verdict} (édition ${r.edition}).`;
    }
  }
}

type PlanSummaryOutput = {
  name: string;
  edition: string;
  pages: {
    number: number;
    rooms: { name: string }[];
    panels: { name: string; mainA: number | null; circuits: unknown[] }[];
  }[];
  counts: { byType: Record<string, number> };
  warnings: { message: string }[];
};

function planSummary(output: unknown, lang: Lang): string {
  const plan = output as PlanSummaryOutput;
  const en = lang === 'en';
  const byType = Object.entries(plan.counts.byType).sort((a, b) => b[1] - a[1]);
  const devices = byType.reduce((sum, [, n]) => sum + n, 0);
  const rooms = plan.pages.flatMap((page) => page.rooms.map((room) => room.name));
  const panels = plan.pages.flatMap((page) => page.panels);
  const colon = en ? ':' : ' :';
  return [
    en
      ? `Plan "${plan.name}" — ${plan.pages.length} page(s), code edition ${plan.edition}.`
      : `Plan « ${plan.name} » — ${plan.pages.length} page(s), édition du code ${plan.edition}.`,
    `${en ? 'Devices detected' : 'Appareils détectés'}${colon} ${formatNumber(devices, lang)}`,
    bullets(byType.map(([type, n]) => `${deviceTypeLabel(type, lang)}${colon} ${formatNumber(n, lang)}`)),
    `${en ? 'Rooms' : 'Pièces'}${colon} ${rooms.length}${rooms.length > 0 ? ` (${rooms.slice(0, 20).join(', ')})` : ''}`,
    `${en ? 'Panels' : 'Panneaux'}${colon} ${panels.length}`,
    bullets(
      panels.map(
        (p) =>
          `${p.name}${colon} ${p.mainA === null ? '—' : q(p.mainA, 'A', lang, 0)}, ${p.circuits.length} circuits`,
      ),
    ),
    `${en ? 'Analysis warnings' : 'Avertissements de l’analyse'}${colon} ${plan.warnings.length}`,
    bullets(plan.warnings.slice(0, 5).map((w) => w.message)),
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function bomSummary(bom: Bom, lang: Lang): string {
  const en = lang === 'en';
  const colon = en ? ':' : ' :';
  const money = (cents: Cents) => formatCad(cents, lang);
  const shown = bom.lines.slice(0, 15);
  return [
    en
      ? `Bill of materials: ${bom.lines.length} line(s), prices ${bom.priceList.indicative ? 'INDICATIVE' : 'from'} ${bom.priceList.source} (${bom.priceList.priceDate}).`
      : `Bordereau de matériel : ${bom.lines.length} ligne(s), prix ${bom.priceList.indicative ? 'INDICATIFS' : 'du catalogue'} ${bom.priceList.source} (${bom.priceList.priceDate}).`,
    `${en ? 'Materials' : 'Matériel'}${colon} ${money(bom.materialsCents)} ; ${en ? 'labour' : 'main-d’œuvre'}${colon} ${money(bom.labour.totalCents)} (${formatNumber(bom.labourHours, lang)} h)`,
    `${en ? 'Subtotal' : 'Sous-total'}${colon} ${money(bom.subtotalCents)} ; TPS${colon} ${money(bom.taxes.tpsCents)} ; TVQ${colon} ${money(bom.taxes.tvqCents)} ; total${colon} ${money(bom.totalCents)}`,
    `${en ? 'Lines' : 'Lignes'}${shown.length < bom.lines.length ? (en ? ` (first ${shown.length})` : ` (${shown.length} premières)`) : ''}${colon}`,
    bullets(
      shown.map(
        (line) =>
          `${formatNumber(line.quantity, lang)} ${unitLabel(line.quantityUnit, lang)} — ${line.description} (${line.sku})${colon} ${money(line.totalCents)}`,
      ),
    ),
    `${en ? 'Assumptions' : 'Hypothèses'}${colon}`,
    bullets(bom.assumptions.slice(0, 8)),
  ].join('\n');
}

/**
 * Answers `message` without a language model. Tool calls go through the same registry as in
 * llm mode (same organisation scoping, same outputs) and are reported through `onToolCall`.
 */
export async function answerOffline(opts: {
  message: string;
  agent: AgentDefinition;
  /** The run's context; its `lang` is the fallback when the message's language is unclear. */
  toolContext: ToolContext;
  onToolCall: (run: ToolRun) => Promise<void>;
}): Promise<OfflineResult> {
  const { intent, lang } = parseRequest(opts.message, opts.toolContext.lang);
  const ctx: ToolContext = { ...opts.toolContext, lang };
  const toolRuns: ToolRun[] = [];
  const call = async (tool: ToolName, input: Record<string, unknown>): Promise<ToolRun> => {
    const run = await runTool(tool, input, ctx, opts.agent.tools);
    toolRuns.push(run);
    await opts.onToolCall(run);
    return run;
  };
  const done = (answer: string, stopReason: string): OfflineResult => ({
    answer,
    toolRuns,
    stopReason,
    lang,
  });
  const allowed = (tool: ToolName) => opts.agent.tools.includes(tool);

  switch (intent.kind) {
    case 'unknown': {
      // Not a calculation or plan request: a question about a standard, if the knowledge base
      // has entries for it (the same search as the model's tool).
      if (allowed('knowledge_search')) {
        const run = await call('knowledge_search', { query: opts.message.trim().slice(0, 200) });
        const results = (run.output as { results?: KnowledgeResult[] }).results ?? [];
        if (!run.isError && results.length > 0)
          return done(knowledgeAnswer(results, lang), 'offline_knowledge');
      }
      return done(notConfiguredAnswer(lang), 'offline_not_understood');
    }
    case 'plan_summary': {
      if (!allowed('plan_analysis'))
        return done(toolNotAllowed(opts.agent, 'plan_analysis', lang), 'offline_tool_not_allowed');
      const run = await call('plan_analysis', {});
      if (run.isError) return done(toolError(run, lang), 'offline_tool_error');
      return done(
        [`${t(lang, header)} plan_analysis.`, planSummary(run.output, lang)].join('\n\n'),
        'offline_answer',
      );
    }
    case 'bill_of_materials': {
      const tool: ToolName = allowed('bom_get') ? 'bom_get' : 'bom_generate';
      if (!allowed(tool))
        return done(toolNotAllowed(opts.agent, 'bom_get', lang), 'offline_tool_not_allowed');
      let run = await call(tool, {});
      const code = (run.output as { error?: { code?: string } }).error?.code;
      // No stored BOM yet: price one from the plan's analysis when the agent may.
      if (run.isError && code === 'stage_not_ready' && tool === 'bom_get' && allowed('bom_generate')) {
        run = await call('bom_generate', {});
      }
      if (run.isError) return done(toolError(run, lang), 'offline_tool_error');
      return done(
        [`${t(lang, header)} ${run.name}.`, bomSummary(run.output as Bom, lang)].join('\n\n'),
        'offline_answer',
      );
    }
    default: {
      if (!allowed(intent.tool))
        return done(toolNotAllowed(opts.agent, intent.tool, lang), 'offline_tool_not_allowed');
      if (intent.missing.length > 0) return done(missingInput(intent, lang), 'offline_missing_input');
      const run = await call(intent.tool, intent.input);
      if (run.isError) return done(toolError(run, lang), 'offline_tool_error');
      const result = run.output as Trace & { edition: string };
      return done(
        [
          `${t(lang, header)} ${intent.tool}.`,
          calculationSummary(intent, run.output, lang),
          traceSections(result, intent.assumptions, lang),
          t(lang, caveat),
        ].join('\n\n'),
        'offline_answer',
      );
    }
  }
}
