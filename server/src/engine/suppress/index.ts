export { applySuppressions, INVALID_RULE_ID, UNUSED_RULE_ID } from './apply.js';
export { parseSuppressionComment, suppressionCommentText, isoDate, type SuppressionComment } from './directive.js';
