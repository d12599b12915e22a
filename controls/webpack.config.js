"use strict";

/**
 * Merged by pcf-scripts into its own webpack configuration for every control under controls/
 * (pcf-scripts reads webpack.config.js from the folder above each control's, while featureconfig.json at
 * the project root sets pcfAllowCustomWebpack "on": Microsoft's documented way to customize the build,
 * https://learn.microsoft.com/power-apps/developer/component-framework/dependent-libraries).
 *
 * Production bundles keep no module-path comments: pcf-scripts turns webpack's `pathinfo` on, and in
 * a production build those `/*!` comments become a bundle.js.LICENSE.txt beside the bundle and a
 * banner line in it. bundle.js has a size budget (issue 14: `npm run bench`).
 */
module.exports = {
  output: { pathinfo: false },
};
