/** Cloud function `catalog`: browse categories, themed and featured cards, brands and products. */
import { catalogActions } from '../../core/catalog/catalog-actions';
import { createHandler } from '../../core/router';

export const main = createHandler(catalogActions);
