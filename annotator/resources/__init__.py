"""Files shipped with the package: label schemas, interface translations, the sample corpus."""
