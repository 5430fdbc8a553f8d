"""Maps gui/ to the import name nps_id_gui and spectra_library/ to nps_id_spectra_library."""
from setuptools import find_packages, setup


def _renamed(root: str, name: str) -> list[str]:
    return [name + pkg[len(root):] for pkg in find_packages(include=[root, root + ".*"])]


setup(
    packages=find_packages(include=["nps_id", "nps_id.*"])
    + _renamed("gui", "nps_id_gui")
    + _renamed("spectra_library", "nps_id_spectra_library"),
    package_dir={"nps_id_gui": "gui", "nps_id_spectra_library": "spectra_library"},
    package_data={"nps_id_spectra_library": ["*.csv", "*.md", "*.json", "records/*", "records/*/*"],
                  "nps_id": ["data/*", "locale/*.pot", "locale/*/LC_MESSAGES/*.po", "locale/*/LC_MESSAGES/*.mo"],
                  "nps_id_gui": ["translations/*.qm", "translations/*.ts", "help/*/*.html"]},
    include_package_data=True,
)
