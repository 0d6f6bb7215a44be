/** The demo data the local cloud loads into an empty database. */
export { seedCatalog, type SeedCatalog } from './catalog';
export { brandLogoArt, cardFaceArt, svgDataUri } from '../../core/catalog/face-art';
export { seedStaff } from './staff';
