export { registerClassificationRoutes } from './classification.routes';
export { findClassification, type ClassificationRow } from './classification.repository';
export { classificationLabel, isClassificationInTree } from './classification.service';
export type { ClassificationNode } from './classification.tree';
