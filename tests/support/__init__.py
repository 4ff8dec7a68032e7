"""What several test folders share: API clients and targets, the contract check, test files.

Fixtures stay in each folder's conftest.py; the code they build on lives here, so no test folder
imports from another.
"""
