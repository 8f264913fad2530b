/**
 * The parts of the public HTTP API (docs: /work/shared/API.md, `/openapi.json`) the console reads.
 * The console is a client of the public contract only, so it describes the JSON it receives here
 * instead of importing the server's zod schemas (which would ship zod and server code to browsers).
 * Fields the console does not use are left out; unknown extra fields are ignored.
 */

export type Lang = 'fr' | 'en';

export type JobStatus = 'queued' | 'processing' | 'completed' | 'failed';

export type StageName = 'analysis' | 'compliance' | 'bom';

export type JobError = { code: string; message: string };

export type StageView = {
  status: JobStatus;
  progress: number;
  startedAt: string | null;
  finishedAt: string | null;
  error?: JobError;
};

export type Plan = {
  id: string;
  name: string;
  filename: string;
  sizeBytes: number;
  pages: number | null;
  edition: string;
  status: JobStatus;
  progress: number;
  stages: Record<StageName, StageView>;
  createdAt: string;
  updatedAt: string;
};

export type PlanPage = { items: Plan[]; nextCursor: string | null };

export type Accepted = { id: string; status: JobStatus; links: Record<string, string> };

/** [x0, y0, x1, y1] in PDF points, page space (origin bottom-left). */
export type BBox = [number, number, number, number];

export type DetectedSymbol = {
  type: string;
  symbolId: string;
  x: number;
  y: number;
  rotation: number;
  room: string | null;
  circuit: string | null;
  confidence: number;
  bbox?: BBox;
};

export type PanelSchedule = {
  name: string;
  voltage: string | null;
  phases: number | null;
  mainA: number | null;
  circuits: Array<{
    number: number;
    description: string;
    amps: number | null;
    poles: number | null;
    conductor?: string | null;
  }>;
};

export type AnalysisPage = {
  number: number;
  widthPt: number;
  heightPt: number;
  rotation?: number;
  scale: { text: string; metresPerPoint: number } | null;
  legend: Array<{ symbolId: string; label: string; type: string }>;
  rooms: Array<{ name: string; areaM2: number | null }>;
  symbols: DetectedSymbol[];
  panels: PanelSchedule[];
};

export type TypeCounts = Record<string, number>;

export type PlanAnalysis = {
  pages: AnalysisPage[];
  counts: { byType: TypeCounts; byRoom: Record<string, TypeCounts>; bySheet: Record<string, TypeCounts> };
  warnings: Array<{ code: string; message: string; page: number | null }>;
  /** Legend wordings the analyser could not type (counted as `other`), with their symbol's box. */
  unresolvedLegendEntries?: Array<{ symbolId: string; label: string; page: number; bbox: BBox }>;
  /** The revision shown (0: as produced) and the one BOM and compliance come from. */
  revision?: number;
  currentRevision?: number;
};

export type LegendMapping = { id: string; label: string; normalizedLabel: string; type: string };

export type Severity = 'error' | 'warning' | 'info';

export type ComplianceFinding = {
  ruleId?: string;
  ruleRef: string;
  severity: Severity;
  message: string;
  page?: number | null;
  location?: unknown;
};

export type Compliance = {
  edition: string;
  findings: ComplianceFinding[];
  summary?: { errors?: number; warnings?: number; infos?: number; rulesRun?: number };
};

export type BomLine = {
  sku: string;
  description: string;
  category: string;
  room?: string;
  source: string;
  quantity: number;
  quantityUnit: string;
  orderQuantity?: number;
  unit: string;
  unitPrice: number;
  materials?: number;
  labourHours: number;
  labour?: number;
  total: number;
  priceSource?: 'catalog' | 'fallback';
};

export type Bom = {
  currency: 'CAD';
  lines: BomLine[];
  devices?: Record<string, number>;
  materials?: number;
  labour?: { hours: number; rate: number; total: number };
  labourHours: number;
  subtotal: number;
  taxes: { tps: number; tvq: number; tpsRate?: number; tvqRate?: number };
  total: number;
  assumptions: string[];
  unpriced?: Array<{ ref: string; kind: string; quantity: number; reason: string }>;
  priceList?: { priceDate: string; source: string; indicative: boolean };
};

/** `GET /v1/boms/{id}`: the job, and the BOM fields once completed. */
export type BomJob = Partial<Bom> & { id: string; status: JobStatus; error?: JobError };

export type CatalogSummary = {
  id: string;
  name: string;
  isDefault: boolean;
  itemCount: number;
  priceDate: string | null;
  createdAt: string;
};

export type CatalogList = {
  items: CatalogSummary[];
  builtIn: { name: string; priceDate: string; itemCount: number; indicative: boolean; inUse: boolean };
};

export type CalculationStep = { ruleRef: string; label: string; value: string };

export type CalculationResult = {
  edition: string;
  ruleRefs: string[];
  assumptions: string[];
  steps: CalculationStep[];
} & Record<string, unknown>;

export type Agent = { id: string; name: string; description: string; tools?: string[] };

export type ToolCall = { name: string; input: unknown; output: unknown; durationMs?: number };

export type AgentRun = {
  id: string;
  agentId: string;
  status: JobStatus;
  message: string;
  planId: string | null;
  conversationId: string | null;
  answer: string | null;
  toolCalls: ToolCall[];
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens: number };
  model: string | null;
  mode: 'llm' | 'offline' | null;
  error?: JobError;
};

/** GET /v1/agent-orchestrations/{id} (issue 19). */
export type Orchestration = {
  id: string;
  status: JobStatus;
  mode: 'parallel' | 'sequential';
  message: string;
  planId: string | null;
  agents: string[];
  children: (AgentRun & { step: number; agentName: string })[];
  synthesis: AgentRun | null;
  counts: { completed: number; failed: number; pending: number };
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
  createdAt: string;
  finishedAt: string | null;
};

export type OrchestrationList = {
  items: {
    id: string;
    status: JobStatus;
    mode: string;
    message: string;
    agents: string[];
    createdAt: string;
  }[];
};

/** `GET /v1/comparisons/{id}` (issue 21): what changed between two issues of a drawing. */
export type SymbolChangeKind = 'added' | 'removed' | 'moved';

/** Similarity transform taking a point of the revised page (page space) into the base page's. */
export type PageRegistration = {
  scale: number;
  rotationDeg: number;
  tx: number;
  ty: number;
  inliers: number;
  residualPt: number;
  method: 'anchors' | 'page-size' | 'identity';
};

export type SheetPairing = {
  sheet: string | null;
  basePage: number | null;
  revisedPage: number | null;
  pairedBy: 'sheet-number' | 'order' | 'none';
  change: 'unchanged' | 'modified' | 'added' | 'removed';
  registration: PageRegistration | null;
};

export type SymbolChange = {
  change: SymbolChangeKind;
  type: string;
  /** Revised page (added, moved) or base page (removed); PDF points, page space. */
  page: number;
  x: number;
  y: number;
  room: string | null;
  from?: { page: number; x: number; y: number };
  distancePt?: number;
};

export type ChangeTally = { added: number; removed: number; moved: number };

export type ComparedCircuit = PanelSchedule['circuits'][number];

export type CircuitChange = {
  panel: string;
  number: number;
  change: 'added' | 'removed' | 'modified';
  before: ComparedCircuit | null;
  after: ComparedCircuit | null;
  fields: string[];
};

export type RoomChange = {
  change: 'added' | 'removed' | 'renamed';
  sheet: string | null;
  before: string | null;
  after: string | null;
};

/** Amounts in integer cents, revised − base. */
export type BomLineDelta = {
  sku: string;
  description: string;
  category: string;
  unit: string;
  orderQuantityDelta: number;
  installedQuantityDelta: number;
  labourHoursDelta: number;
  materialsCentsDelta: number;
  labourCentsDelta: number;
  totalCentsDelta: number;
};

export type BomDelta = {
  currency: 'CAD';
  added: BomLineDelta[];
  removed: BomLineDelta[];
  materialsDelta: number;
  labourDelta: number;
  labourHoursDelta: number;
  subtotalDelta: number;
  tpsDelta: number;
  tvqDelta: number;
  totalDelta: number;
  base: { subtotalCents: number; totalCents: number };
  revised: { subtotalCents: number; totalCents: number };
  labourRateCents: number;
};

export type Comparison = {
  id: string;
  status: JobStatus;
  error?: JobError & { planId?: string };
  basePlanId: string;
  revisedPlanId: string;
  createdAt: string;
  finishedAt: string | null;
  /** The fields below are present once completed. */
  pages?: SheetPairing[];
  delta?: { byType: Record<string, ChangeTally>; byRoom: Record<string, Record<string, ChangeTally>> };
  symbols?: SymbolChange[];
  circuits?: CircuitChange[];
  rooms?: RoomChange[];
  bom?: BomDelta;
};
