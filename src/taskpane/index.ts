/** Task pane entry: waits for Office, then hands the page to the controller. No logic here. */
import { createPane, officeDeps } from "./controller";

Office.onReady(() => {
  createPane(document, officeDeps());
});
