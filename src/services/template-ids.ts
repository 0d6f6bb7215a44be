/**
 * The subscribe-message template ids this build asks for: the build-time constant
 * `process.env.TARO_APP_TEMPLATE_IDS` (config/index.ts, from the same TEMPLATE_* variables the
 * functions read), the local cloud's ids when the constant is absent (tests).
 */
import { LOCAL_TEMPLATE_IDS, type TemplateIds } from '../contracts/subscribe-templates';

function parse(text: string | undefined): TemplateIds {
  if (!text) return { ...LOCAL_TEMPLATE_IDS };
  try {
    return { ...LOCAL_TEMPLATE_IDS, ...(JSON.parse(text) as Partial<TemplateIds>) };
  } catch {
    return { ...LOCAL_TEMPLATE_IDS };
  }
}

export const templateIds: TemplateIds = parse(process.env.TARO_APP_TEMPLATE_IDS);
