"""FHIR R4 exchange (through the fhir.resources R4B models): the diary as a Bundle and back, the
questionnaire as a Questionnaire, and the checks that library leaves to us. See INTEROP.md sections 1-2.

Import the submodules (`lumbar.interop.fhir_export` and so on): fhir.resources is slow to import, so
this package imports nothing until asked.
"""

__all__: list[str] = []
