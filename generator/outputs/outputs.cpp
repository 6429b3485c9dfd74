#include "outputs/outputs.h"

namespace portal::outputs {

Result<std::vector<OutputFile>> extra_outputs(const content::Site& site, const OutputContext& context) {
    std::vector<OutputFile> files;
    std::vector<Diagnostic> errors;
    // Each output module appends its files here, in a fixed order.
    (void)site;
    (void)context;
    if (!errors.empty()) return errors;
    return files;
}

}  // namespace portal::outputs
