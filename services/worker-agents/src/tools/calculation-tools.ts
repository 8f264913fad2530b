import type { ToolName } from '@saeq/agents';
import { CalculationError, type CalculationKind, calculations } from '@saeq/electrical-code';
import { type AgentTool, defineTool, ToolFailure } from './tool.ts';

const descriptions: Record<CalculationKind, string> = {
  'dwelling-load':
    "Charge calculée d'un logement individuel selon l'article 8-200 (superficie habitable selon 8-110, dimensions intérieures, sous-sol de plus de 1,8 m à 75 %) : charge de base, chauffage (heatingSystem : room-thermostats = thermostat dans chaque pièce, 10 kW à 100 % + 75 % du reste ; central = fournaise, élément dans les conduits ou accumulateur, 100 %), climatisation, asservissement, cuisinière, chauffe-eau, bornes de recharge (managed + managedW = réglage du SGÉVÉ, 8-106 10) ; evemsMonitorsService = le SGÉVÉ surveille branchement, artères et dérivations, 8-106 11), charge non comptée — seulement si l'utilisateur le confirme), piscine ou spa, autres charges. Dès qu'il y a du chauffage électrique et que l'utilisateur n'a pas dit s'il est commandé par des thermostats dans chaque pièce ou par un système central (fournaise, plinthes ou convecteurs, aérotherme dans les conduits, accumulateur), demande-le avant d'appeler l'outil : un système central donne une charge plus élevée. Renvoie calculatedLoadW, minimumLoadW, demandLoadW, currentA, minimumOvercurrentA (calibre minimal du disjoncteur), serviceSizeA (calibre de branchement normalisé : 60, 100, 125, 200, 400 A…), serviceConductor (cuivre et aluminium, tableau 39), les étapes (ruleRef, libellé, valeur), les références et les hypothèses (dont la vérification de la Norme E.21-10 d'Hydro-Québec). serviceRatingA est périmé : utiliser minimumOvercurrentA. Puissances en watts, superficies en m².",
  'apartment-load':
    "Charge calculée d'un immeuble à logements selon l'article 8-202 : une entrée par logement (mêmes champs que calc_dwelling_load, dont heatingSystem ; un logement sans cuisinière compte 25 % de chaque autre charge + 6 000 W ; minimum de 60 A par logement), facteurs de demande entre logements (8-202 3)a)), chauffage de chaque logement selon la section 62 additionné (heatingDemandScope = per-unit par défaut ; building seulement si l'utilisateur demande explicitement l'autre lecture), climatisation, ARVÉ, charges hors logement à 75 % (nonDwellingLoadsW : corridors, ascenseurs, stationnement), tension du branchement serviceVoltage (120/240, ou triphasé 120/208 ou 347/600). Demande le mode de chauffage (thermostats dans chaque pièce ou central) s'il n'est pas connu, et la tension du branchement pour un gros immeuble. Renvoie la charge par logement et pour l'immeuble, currentA, minimumOvercurrentA, serviceSizeA, serviceConductor (tableaux 2 et 4), avec les étapes et les références.",
  'conductor-size':
    'Calibre minimal de conducteur selon le courant, le matériau (copper ou aluminum), la température nominale de l’isolant (60, 75 ou 90 °C) et des bornes, la température ambiante, le nombre de conducteurs porteurs de courant et le mode d’installation (tableaux 1 à 4, facteurs de correction, article 14-104). conservative = true applique aussi les facteurs de correction à la colonne de température des bornes (lecture prudente de 4-006 1) et 4-004). Renvoie size, ampacityA, le tableau utilisé et les étapes.',
  'voltage-drop':
    "Chute de tension d'un circuit (article 8-102) selon le matériau, le calibre, la longueur simple (aller seulement) en mètres, le courant, la tension et le nombre de phases (1 ou 3). Renvoie dropV, dropPercent, limitPercent, withinLimit et les étapes.",
  'box-fill':
    'Remplissage d’une boîte de sortie (article 12-3034) : volume de la boîte en mL, conducteurs par calibre et nombre, dispositifs, paires de connecteurs, tiges de luminaire. Renvoie requiredML, availableML, withinLimit et les étapes.',
};

/** `dwelling-load` → `calc_dwelling_load` (the agents' ToolName). */
export function calculationToolName(kind: CalculationKind): ToolName {
  return `calc_${kind.replaceAll('-', '_')}` as ToolName;
}

function calculationTool<K extends CalculationKind>(kind: K): AgentTool {
  const calculation = calculations[kind];
  return defineTool({
    name: calculationToolName(kind),
    description: descriptions[kind],
    input: calculation.input,
    // The edition of the run's plan (or the default) when the model names none; the recorded
    // input carries it, so posting that input to /v1/calculations/{kind} gives the same output.
    defaults: (ctx) => ({ edition: ctx.edition }),
    async run(input, ctx) {
      try {
        // Same function, same options as POST /v1/calculations/{kind}.
        return calculation.run(input as never, { lang: ctx.lang });
      } catch (err) {
        if (err instanceof CalculationError) throw new ToolFailure('calculation_error', err.messages);
        throw err;
      }
    },
  });
}

export const calculationTools: AgentTool[] = [
  calculationTool('dwelling-load'),
  calculationTool('apartment-load'),
  calculationTool('conductor-size'),
  calculationTool('voltage-drop'),
  calculationTool('box-fill'),
];
