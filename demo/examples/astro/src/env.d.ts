// <nrich-connect>'s attributes in Astro templates (astro check), from the package's generated JSX typings.
import type { CustomElements } from 'nrich-connect/solid';

declare global {
  namespace astroHTML.JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
