export { type Catalog, en } from "./en";
