"""A merchant's Python integration with zeep, as the compatibility suite runs it (issue 6).

    /usr/bin/python3 zeep-client.py NODE_URL FACTS_JSON_FILE

Builds zeep.Client from NODE_URL?wsdl and checks every operation the WSDL declares against
what the Java test prepared on this client's own node (FACTS_JSON_FILE): tasks in known states,
a merchant registered in the colony with coins minted to it, a free name to register. The node
starts joined to the colony with nobody logged in; the checks run in SUITE_OPERATIONS' order
(the ones needing no user, registration, login, then the user's operations). An operation
served but not exercised here fails the run. Prints one line per check ("ok ..." or
"FAIL ...") and exits 1 on any failure.
Note: zeep decodes an empty string element as None, so the checks read strings with `text()`.
"""
import base64
import json
import re
import os
import sys
import tempfile
import time
import traceback

import requests
import zeep
from lxml import etree

WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
ENCODING = "http://schemas.xmlsoap.org/soap/encoding/"
failures = 0


def check(name, passed, detail=""):
    global failures
    if passed:
        print("ok   " + name)
    else:
        failures += 1
        print("FAIL " + name + (": " + str(detail) if detail != "" else ""))


def text(value):
    """A string field as the integrator reads it: zeep gives None for an empty element."""
    return "" if value is None else value


def check_int(name, value, expected):
    check("%s is the integer %d" % (name, expected),
          type(value) is int and value == expected, repr(value))


def wsdl_operations(document):
    """The operation names the WSDL's portType declares."""
    path = "{%s}portType/{%s}operation" % (WSDL_NS, WSDL_NS)
    return [operation.get("name") for operation in document.iterfind(path)]


def newer_wsdl(document, operation):
    """The WSDL with one more operation, as a client generated from a newer node has it."""
    document = etree.fromstring(etree.tostring(document))
    port_type = document.find("{%s}portType" % WSDL_NS)
    binding = document.find("{%s}binding" % WSDL_NS)
    for suffix in ("Request", "Response"):
        message = etree.Element("{%s}message" % WSDL_NS, name=operation + suffix)
        port_type.addprevious(message)
    port_op = etree.SubElement(port_type, "{%s}operation" % WSDL_NS, name=operation)
    etree.SubElement(port_op, "{%s}input" % WSDL_NS, message="tns:%sRequest" % operation)
    etree.SubElement(port_op, "{%s}output" % WSDL_NS, message="tns:%sResponse" % operation)
    binding_op = etree.SubElement(binding, "{%s}operation" % WSDL_NS, name=operation)
    etree.SubElement(binding_op, "{%s}operation" % SOAP_NS, soapAction="")
    for direction in ("input", "output"):
        body = etree.SubElement(binding_op, "{%s}%s" % (WSDL_NS, direction))
        etree.SubElement(body, "{%s}body" % SOAP_NS, use="encoded", namespace="ns1",
                         encodingStyle=ENCODING)
    return etree.tostring(document)


def check_fault(name, call, faultstring):
    try:
        call()
        check(name, False, "no zeep Fault was raised")
    except zeep.exceptions.Fault as fault:
        check(name + ": code Client", str(fault.code).split(":")[-1] == "Client",
              repr(fault.code))
        check(name + ": faultstring", faultstring in fault.message, repr(fault.message))


def error_code(task):
    """The error code a finished task's additionalInfo carries ("" when none)."""
    return json.loads(task.additionalInfo).get("error", {}).get("code", "")


def check_amount(name, amount, billons, currency):
    """Checks a billonAmount {amount, currency, colour}."""
    check_int(name + ".amount", amount.amount, billons)
    check("%s.currency is %s" % (name, currency), amount.currency == currency, amount)
    check_int(name + ".colour", amount.colour, 0)


TASK_ID = re.compile(r"^[0-9A-Z]{26}$")
DATE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
LOGO = b"\x89PNG\r\n\x1a\n\x00"


class Suite:
    """The checks, one method per operation, named after it."""

    def __init__(self, service, facts, served):
        self.service = service
        self.facts = facts
        self.served = served
        self.shop = facts["shop"]
        self.minted = {mint["currency"]: mint["billons"] for mint in facts["minted"]}

    def await_task(self, task_id):
        """Polls getTaskStatus until the task has finished, as a shop does; the last answer."""
        deadline = time.monotonic() + 30
        while True:
            r = self.status(task_id)
            if (r.requestStatus != "SUCCESS" or text(r.status).startswith("FINISHED_")
                    or time.monotonic() > deadline):
                return r
            time.sleep(0.1)

    @staticmethod
    def start_flow(start):
        """Starts a registration or a login. Just after the previous one's task has finished,
        the node may still answer ERR_TASK_ALREADY_RUNNING for a moment (it reports the end
        before it has let go of the flow); a shop retries, and so does this suite, saying so."""
        for attempt in range(1, 21):
            r = start()
            if r.requestStatus != "ERR_TASK_ALREADY_RUNNING" or attempt == 20:
                return r
            print("note the start answered ERR_TASK_ALREADY_RUNNING after the last task ended")
            time.sleep(0.05)

    def register(self, username, password, profile_json=None, logo=b""):
        """startRegister; every part given, as zeep wants ("" for "not given"): a user who
        is not a merchant has a merchantData with every part empty (zeep refuses None)."""
        merchant = {"publicProfileJson": profile_json or "", "invoiceDataJson": "",
                    "financialAccountJson": "", "logo": logo}
        return self.start_flow(lambda: self.service.startRegister(
            billonUserName=username, billonUserPassword=password, merchantData=merchant,
            recoveryEmail="", recoveryEmail1="", recoveryEmail2="", userARchoice="",
            userIPEchoice=""))

    def login(self, username, password):
        return self.start_flow(lambda: self.service.startLogin(
            billonUserName=username, billonUserPassword=password))

    def settings(self):
        """Both settings JSON texts of readSettings, decoded."""
        r = self.service.readSettings()
        check("readSettings: SUCCESS", r.requestStatus == "SUCCESS", r)
        return json.loads(r.machineSettingsJson), json.loads(r.userSettingsJson)

    def refused_before_login(self):
        """Every served operation that needs a user answers ERR_VUI_NOT_LOGGEDIN before it."""
        password = {"billonUserPassword": self.shop["password"]}
        calls = {"getMerchantData": {}, "checkPassword": password, "getMpin": password,
                 "storePassword": password, "clearPassword": password,
                 "setGeolocationInfo": {"shopId": "shop-1", "geolocationInfo": "{}"},
                 "fetchUserLocation": {"username": self.facts["newcomer"]["username"]},
                 "getMoneyStatus": {}, "getCoinList": {}}
        for name, params in calls.items():
            if name not in self.served:
                continue
            r = getattr(self.service, name)(**params)
            check("%s before the login: ERR_VUI_NOT_LOGGEDIN" % name,
                  r.requestStatus == "ERR_VUI_NOT_LOGGEDIN"
                  and text(r.requestStatusDescription) != "", r)
        machine, user = self.settings()
        check("readSettings before the login: no user settings, no stored password",
              user == {} and machine["rememberUserPasswordForAutoLogin"] is False,
              (machine, user))

    def status(self, task_id, transfer_id=""):
        return self.service.getTaskStatus(taskId=task_id, uniqueTransferId=transfer_id,
                                          callback=False)

    def list_tasks(self, task_type, status, page_size, page_token=""):
        return self.service.listTasks(type=task_type, status=status, fromDate="", toDate="",
                                      pageSize=page_size, pageToken=page_token)

    def wait(self, task_id, last_status, timeout_seconds):
        return self.service.waitForTask(taskId=task_id, lastStatus=last_status,
                                        timeoutSeconds=timeout_seconds)

    def hello(self):
        r = self.service.hello()
        check("hello: requestStatus SUCCESS", r.requestStatus == "SUCCESS", r)
        check("hello: joined, nobody logged in",
              r.status == "VUI_CONNECTED" and text(r.username) == "", r)
        check_int("hello: pid", r.pid, self.facts["pid"])
        check("hello: mode normal", r.mode == "normal", r.mode)
        check("hello: version", text(r.version) != "", r)

    def getCurrencyRatio(self):
        for currency in ("PLN", "EUR", "GBP", "JPY", "USD"):
            r = self.service.getCurrencyRatio(currency=currency)
            check_int("getCurrencyRatio %s: numerator" % currency, r.numerator, 1)
            check_int("getCurrencyRatio %s: denominator" % currency, r.denominator, 1000)
        for currency in ("XYZ", "pln", ""):
            r = self.service.getCurrencyRatio(currency=currency)
            check("getCurrencyRatio '%s': 0/0, no such currency" % currency,
                  r.numerator == 0 and r.denominator == 0, r)

    def getTaskStatus(self):
        done = self.facts["finished"]
        r = self.status(done["taskId"], done["uniqueTransferId"])
        check("getTaskStatus: SUCCESS", r.requestStatus == "SUCCESS", r)
        check("getTaskStatus: type and status", r.type == "GIVE_MONEY"
              and r.status == "FINISHED_OK" and r.taskId == done["taskId"], r)
        check_int("getTaskStatus: progressPercent", r.progressPercent, 100)
        r = self.status("", done["uniqueTransferId"])
        check("getTaskStatus by uniqueTransferId", r.taskId == done["taskId"], r)
        r = self.status(self.facts["transferring"]["taskId"])
        check("getTaskStatus: TRANSFERRING", r.status == "TRANSFERRING", r)
        check_int("getTaskStatus: progressPercent", r.progressPercent, 40)
        r = self.status(self.facts["rejected"]["taskId"])
        info = json.loads(r.additionalInfo)
        check("getTaskStatus: additionalInfo error code",
              r.status == "FINISHED_ERR_USER_REJECTED"
              and info["error"]["code"] == "FINISHED_ERR_USER_REJECTED", r)
        r = self.status(self.facts["unknownTaskId"])
        check("getTaskStatus unknown id: ERR_TASK_DOES_NOT_EXIST",
              r.requestStatus == "ERR_TASK_DOES_NOT_EXIST"
              and text(r.requestStatusDescription) != "" and r.additionalInfo == "{}", r)
        r = self.status("ABC-123")
        check("getTaskStatus malformed id: ERR_INVALID_TASK_ID",
              r.requestStatus == "ERR_INVALID_TASK_ID", r)
        r = self.status(done["taskId"], "another-transfer")
        check("getTaskStatus other transfer id: ERR_INVALID_TRANSFER_ID",
              r.requestStatus == "ERR_INVALID_TRANSFER_ID", r)

    def listTasks(self):
        ids, token, pages = [], "", 0
        while True:
            r = self.list_tasks("GIVE_MONEY", "", 2, token)
            check("listTasks page %d: SUCCESS" % pages, r.requestStatus == "SUCCESS", r)
            check("listTasks page %d: item is a list" % pages, isinstance(r.tasks.item, list),
                  r.tasks)
            for task in r.tasks.item:
                check("listTasks item %s: fields" % task.taskId, task.type == "GIVE_MONEY"
                      and isinstance(task.status, str)
                      and isinstance(task.additionalInfo, str), task)
                ids.append(task.taskId)
            token, pages = text(r.nextPageToken), pages + 1
            if token == "" or pages >= 50:
                break
        check("listTasks pages cover every GIVE_MONEY task",
              len(ids) == self.facts["giveMoneyCount"]
              and self.facts["finished"]["taskId"] in ids, ids)
        one = self.list_tasks(self.facts["single"]["type"], "", 0).tasks.item
        check("listTasks of one item is a list of one", len(one) == 1
              and one[0].taskId == self.facts["single"]["taskId"], one)
        check_int("listTasks item progressPercent", one[0].progressPercent, 0)
        none = self.list_tasks(self.facts["emptyType"], "", 0)
        check("listTasks of no item is an empty list",
              none.requestStatus == "SUCCESS" and none.tasks.item == [], none)
        check("listTasks bad type: ERR_INVALID_TASK_TYPE",
              self.list_tasks("NOPE", "", 0).requestStatus == "ERR_INVALID_TASK_TYPE")
        check("listTasks pageSize 501: ERR_INVALID_PAGE_SIZE",
              self.list_tasks("", "", 501).requestStatus == "ERR_INVALID_PAGE_SIZE")

    def cancelTask(self):
        task_id = self.facts["cancellable"]
        r = self.service.cancelTask(taskId=task_id)
        check("cancelTask: SUCCESS", r.requestStatus == "SUCCESS", r)
        check("cancelTask: task is FINISHED_ERR_CANCELLED",
              self.status(task_id).status == "FINISHED_ERR_CANCELLED")
        r = self.service.cancelTask(taskId=task_id)
        check("cancelTask again: ERR_TASK_NOT_CANCELLABLE",
              r.requestStatus == "ERR_TASK_NOT_CANCELLABLE", r)
        r = self.service.cancelTask(taskId=self.facts["unknownTaskId"])
        check("cancelTask unknown: ERR_TASK_DOES_NOT_EXIST",
              r.requestStatus == "ERR_TASK_DOES_NOT_EXIST", r)

    def waitForTask(self):
        done = self.facts["finished"]["taskId"]
        r = self.wait(done, "", 0)
        check("waitForTask empty lastStatus: at once", r.status == "FINISHED_OK", r)
        start = time.monotonic()
        r = self.wait(done, "FINISHED_OK", 1)
        elapsed = time.monotonic() - start
        check("waitForTask unchanged: same status after the timeout",
              r.requestStatus == "SUCCESS" and r.status == "FINISHED_OK" and elapsed >= 0.9,
              "%s after %.2fs" % (r, elapsed))
        start = time.monotonic()
        r = self.wait(self.facts["waitee"], "PREPARATION", 20)
        check("waitForTask sees the change", r.status == "SEARCHING", r)
        print("note waitForTask answered the change after %.1fs" % (time.monotonic() - start))
        check_int("waitForTask: progressPercent", r.progressPercent, 0)
        check("waitForTask timeout 26: ERR_INVALID_TIMEOUT",
              self.wait(done, "", 26).requestStatus == "ERR_INVALID_TIMEOUT")
        check("waitForTask unknown: ERR_TASK_DOES_NOT_EXIST",
              self.wait(self.facts["unknownTaskId"], "", 0).requestStatus
              == "ERR_TASK_DOES_NOT_EXIST")


    def startRegister(self):
        name = self.facts["newcomer"]["username"]
        password = self.facts["newcomer"]["password"]
        r = self.register("9-not-a-name", password)
        check("startRegister malformed name: ERR_INVALID_USERNAME, no task",
              r.requestStatus == "ERR_INVALID_USERNAME" and text(r.taskId) == "", r)
        r = self.register(name, "")
        check("startRegister empty password: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        r = self.register(name, password, "not json")
        check("startRegister profile not JSON: ERR_INVALID_PARAMETER",
              r.requestStatus == "ERR_INVALID_PARAMETER", r)
        r = self.register(name, password, json.dumps({"name": "New shop " + name}), LOGO)
        check("startRegister: SUCCESS with a task id", r.requestStatus == "SUCCESS"
              and TASK_ID.match(text(r.taskId)) is not None, r)
        task = self.await_task(r.taskId)
        check("startRegister: the REGISTER task ends FINISHED_OK with the username",
              task.type == "REGISTER" and task.status == "FINISHED_OK"
              and json.loads(task.additionalInfo).get("username") == name, task)
        task = self.await_task(self.register(self.shop["username"], password).taskId)
        check("startRegister of a taken name: FINISHED_ERR_INVALID_USERNAME",
              task.status == "FINISHED_ERR_INVALID_USERNAME"
              and error_code(task) == "FINISHED_ERR_INVALID_USERNAME", task)

    def startLogin(self):
        self.refused_before_login()
        username, password = self.shop["username"], self.shop["password"]
        r = self.login("Not A Name", password)
        check("startLogin malformed name: ERR_INVALID_USERNAME, no task",
              r.requestStatus == "ERR_INVALID_USERNAME" and text(r.taskId) == "", r)
        r = self.login(username, "")
        check("startLogin empty password: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        task = self.await_task(self.login(self.facts["unknownUser"], password).taskId)
        check("startLogin of nobody: FINISHED_ERR_USER_NOT_FOUND",
              task.type == "LOGIN" and task.status == "FINISHED_ERR_USER_NOT_FOUND"
              and error_code(task) == "FINISHED_ERR_USER_NOT_FOUND", task)
        task = self.await_task(self.login(username, "not-the-password").taskId)
        check("startLogin wrong password: FINISHED_ERR_USER_NOT_AUTHENTICATED",
              task.status == "FINISHED_ERR_USER_NOT_AUTHENTICATED", task)
        r = self.login(username, password)
        check("startLogin: SUCCESS with a task id", r.requestStatus == "SUCCESS"
              and TASK_ID.match(text(r.taskId)) is not None, r)
        task = self.await_task(r.taskId)
        check("startLogin: the LOGIN task ends FINISHED_OK",
              task.type == "LOGIN" and task.status == "FINISHED_OK", task)
        hello = self.service.hello()
        check("startLogin: hello shows the user, VUI_READY",
              hello.status == "VUI_READY" and hello.username == username, hello)

    def checkPassword(self):
        r = self.service.checkPassword(billonUserPassword="not-the-password")
        check("checkPassword wrong: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        r = self.service.checkPassword(billonUserPassword="")
        check("checkPassword empty: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        r = self.service.checkPassword(billonUserPassword=self.shop["password"])
        check("checkPassword right: SUCCESS", r.requestStatus == "SUCCESS", r)

    def getMpin(self):
        r = self.service.getMpin(billonUserPassword=self.shop["password"])
        check("getMpin: SUCCESS, six characters", r.requestStatus == "SUCCESS"
              and re.match(r"^[0-9A-Z]{6}$", text(r.mpin)) is not None, r)
        again = self.service.getMpin(billonUserPassword=self.shop["password"])
        check("getMpin again: the same mpin", again.mpin == r.mpin, again)
        r = self.service.getMpin(billonUserPassword="not-the-password")
        check("getMpin wrong password: ERR_INVALID_PASSWORD, no mpin",
              r.requestStatus == "ERR_INVALID_PASSWORD" and text(r.mpin) == "", r)

    def storePassword(self):
        r = self.service.storePassword(billonUserPassword="not-the-password")
        check("storePassword wrong: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        r = self.service.storePassword(billonUserPassword=self.shop["password"])
        check("storePassword: SUCCESS", r.requestStatus == "SUCCESS", r)
        machine, _ = self.settings()
        check("storePassword: readSettings says the password is remembered",
              machine["rememberUserPasswordForAutoLogin"] is True, machine)

    def clearPassword(self):
        r = self.service.clearPassword(billonUserPassword="not-the-password")
        check("clearPassword wrong: ERR_INVALID_PASSWORD",
              r.requestStatus == "ERR_INVALID_PASSWORD", r)
        r = self.service.clearPassword(billonUserPassword=self.shop["password"])
        check("clearPassword: SUCCESS", r.requestStatus == "SUCCESS", r)
        machine, _ = self.settings()
        check("clearPassword: readSettings says no password is remembered",
              machine["rememberUserPasswordForAutoLogin"] is False, machine)

    def getMerchantData(self):
        r = self.service.getMerchantData()
        check("getMerchantData: SUCCESS", r.requestStatus == "SUCCESS", r)
        check("getMerchantData: the profile registered", json.loads(r.publicProfileJson)
              == json.loads(self.shop["publicProfileJson"]), r.publicProfileJson)
        check("getMerchantData: no invoice data, no account",
              r.invoiceDataJson == "{}" and r.financialAccountJson == "{}", r)
        # xsd:base64Binary: zeep decodes it to bytes.
        check("getMerchantData: the logo's bytes",
              r.logo == base64.b64decode(self.shop["logo"]), repr(r.logo))

    def setGeolocationInfo(self):
        r = self.service.setGeolocationInfo(shopId="shop-1",
                                            geolocationInfo='{"Lng":"21.01","Lat":"52.23"}')
        check("setGeolocationInfo: SUCCESS", r.requestStatus == "SUCCESS", r)
        r = self.service.setGeolocationInfo(shopId="shop-2", geolocationInfo="here")
        check("setGeolocationInfo not JSON: ERR_INVALID_JSON",
              r.requestStatus == "ERR_INVALID_JSON", r)
        r = self.service.setGeolocationInfo(shopId="", geolocationInfo="{}")
        check("setGeolocationInfo empty shopId: ERR_INVALID_PARAMETER",
              r.requestStatus == "ERR_INVALID_PARAMETER", r)

    def readSettings(self):
        machine, user = self.settings()
        bandwidth = machine.get("bandwidthBehaviour", {})
        port = self.facts["p2pPort"]
        check("readSettings: the node's P2P port",
              bandwidth.get("tcpPort") == port and bandwidth.get("udpPort") == port, bandwidth)
        where = machine.get("geolocation", {})
        check("readSettings: the shop location set",
              where.get("shop-1") == {"Lng": "21.01", "Lat": "52.23"} and "shop-2" not in where,
              where)
        accept = user.get("contactsBehaviour", {}).get("auto_accept_strangers_payments")
        check("readSettings: the user's wallet settings",
              isinstance(user.get("walletPolicy"), str) and isinstance(accept, bool), user)

    def fetchUserLocation(self):
        r = self.service.fetchUserLocation(username=self.facts["newcomer"]["username"])
        check("fetchUserLocation: SUCCESS", r.requestStatus == "SUCCESS", r)
        r = self.service.fetchUserLocation(username="Not A Name")
        check("fetchUserLocation malformed name: ERR_INVALID_USERNAME",
              r.requestStatus == "ERR_INVALID_USERNAME", r)

    def getMoneyStatus(self):
        r = self.service.getMoneyStatus()
        check("getMoneyStatus: SUCCESS", r.requestStatus == "SUCCESS", r)
        check_amount("getMoneyStatus freeBalance", r.freeBalance, self.minted["PLN"], "PLN")
        for field in ("vaultBalance", "lockedBalance", "unpaidCommission"):
            check_amount("getMoneyStatus " + field, getattr(r, field), 0, "PLN")
        items = r.balanceList.item
        check("getMoneyStatus balanceList: one item per currency held",
              isinstance(items, list) and len(items) == len(self.minted), r.balanceList)
        for item in items:
            currency = item.currency
            check("getMoneyStatus balanceList %s: a currency minted" % currency,
                  currency in self.minted, item)
            check_amount("getMoneyStatus balanceList %s freeBalance" % currency,
                         item.freeBalance, self.minted.get(currency, -1), currency)
            for field in ("vaultBalance", "lockedBalance", "unpaidCommission"):
                check_amount("getMoneyStatus balanceList %s %s" % (currency, field),
                             getattr(item, field), 0, currency)

    def getCoinList(self):
        r = self.service.getCoinList()
        check("getCoinList: SUCCESS", r.requestStatus == "SUCCESS", r)
        summed, count, previous = {}, 0, {}
        summary = r.monexSummary.item
        check("getCoinList summary: amounts and quantities are integers",
              all(type(item.amount.amount) is int and type(item.quantity) is int
                  and type(item.amount.colour) is int for item in summary), summary)
        for item in summary:
            currency, face = item.amount.currency, item.amount.amount
            check("getCoinList summary %s %d: smallest first" % (currency, face),
                  face > previous.get(currency, 0), item)
            previous[currency] = face
            summed[currency] = summed.get(currency, 0) + face * item.quantity
            count += item.quantity
        check("getCoinList summary: face value times quantity adds up to the coins minted",
              summed == self.minted, summed)
        coins = r.monexList.item
        values = {}
        for coin in coins:
            values[coin.currency] = values.get(coin.currency, 0) + int(coin.value.replace(".", ""))
        check("getCoinList monexList: values \"units.thousandths\", dates UTC, not expired",
              all(re.match(r"^[0-9]+\.[0-9]{3}$", coin.value) and DATE.match(coin.issuingDate)
                  and DATE.match(coin.incomingDate) and DATE.match(coin.expirationDate)
                  and coin.expirationDate > coin.issuingDate for coin in coins),
              coins[:1])
        check("getCoinList monexList: the values add up to the coins minted",
              values == self.minted, values)
        expected = sorted(i for mint in self.facts["minted"] for i in mint["coinIds"])
        ids = sorted(coin.id for coin in coins)
        check("getCoinList monexList: exactly the coins minted",
              ids == expected and len(ids) == count, ids)
        check("getCoinList reservedList: empty", r.reservedList.item == [], r.reservedList)


# The operations Suite exercises, in the order it runs them; each has a method of that name.
# The login comes after the checks without a user.
SUITE_OPERATIONS = ("hello", "getCurrencyRatio", "getTaskStatus", "listTasks", "cancelTask",
                    "waitForTask", "startRegister", "startLogin", "checkPassword", "getMpin",
                    "storePassword", "clearPassword", "getMerchantData", "setGeolocationInfo",
                    "readSettings", "fetchUserLocation", "getMoneyStatus", "getCoinList")


def run_operations(suite, served):
    for name in sorted(set(served) - set(SUITE_OPERATIONS)):
        check("operation %s is exercised" % name, False,
              "the node serves it but this client suite has no checks for it")
    for name in sorted(set(SUITE_OPERATIONS) - set(served)):
        check("operation %s is declared" % name, False,
              "the suite checks it but the WSDL lacks it")
    for name in SUITE_OPERATIONS:
        if name not in served:
            continue
        try:
            getattr(suite, name)()
            print("covered " + name)
        except Exception as error:  # an integrator's unexpected exception is a failed check
            check("operation " + name, False, "".join(traceback.format_exception(error)))


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: zeep-client.py NODE_URL FACTS_JSON_FILE\n")
        return 2
    url, facts_file = sys.argv[1], sys.argv[2]
    with open(facts_file, encoding="utf-8") as facts_in:
        facts = json.load(facts_in)
    document = etree.fromstring(requests.get(url + "?wsdl", timeout=10).content)
    served = wsdl_operations(document)
    check("the WSDL declares operations", len(served) > 0, served)
    client = zeep.Client(url + "?wsdl")
    seen = sorted(client.wsdl.port_types["{ns1}cnodePortType"].operations)
    check("zeep sees the WSDL operations", seen == sorted(served), seen)
    run_operations(Suite(client.service, facts, served), served)

    with tempfile.NamedTemporaryFile("wb", suffix=".wsdl", delete=False) as newer:
        newer.write(newer_wsdl(document, "transferEverything"))
    try:
        stale = zeep.Client(newer.name).create_service("{ns1}cnodeBinding", url)
        check_fault("an undocumented operation answers a SOAP Fault",
                    stale.transferEverything, "not an operation")
    finally:
        os.unlink(newer.name)
    check_fault("an oversized call answers a SOAP Fault",
                lambda: client.service.getTaskStatus(taskId="A" * 300_000,
                                                     uniqueTransferId="", callback=False),
                "larger than the limit")
    print("PASS zeep" if failures == 0 else "FAILED zeep: %d check(s)" % failures)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
