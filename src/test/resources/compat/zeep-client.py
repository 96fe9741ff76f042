"""A merchant's Python integration with zeep, as the compatibility suite runs it (issue 6).

    /usr/bin/python3 zeep-client.py NODE_URL FACTS_JSON_FILE

Builds zeep.Client from NODE_URL?wsdl and checks every operation the WSDL declares against
tasks the Java test prepared (FACTS_JSON_FILE); an operation served but not exercised here
fails the run. Prints one line per check ("ok ..." or "FAIL ...") and exits 1 on any failure.
Note: zeep decodes an empty string element as None, so the checks read strings with `text()`.
"""
import json
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


class Suite:
    """The checks, one method per operation, named after it."""

    def __init__(self, service, facts):
        self.service = service
        self.facts = facts

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
        check("hello: status is a VUI_* state", text(r.status).startswith("VUI_"), r.status)
        check_int("hello: pid", r.pid, self.facts["pid"])
        check("hello: mode normal", r.mode == "normal", r.mode)
        check("hello: version", text(r.version) != "", r)

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


# The operations Suite exercises; each has a method of the same name.
SUITE_OPERATIONS = ("hello", "getTaskStatus", "listTasks", "cancelTask", "waitForTask")


def run_operations(suite, served):
    for name in sorted(set(served) - set(SUITE_OPERATIONS)):
        check("operation %s is exercised" % name, False,
              "the node serves it but this client suite has no checks for it")
    for name in sorted(set(SUITE_OPERATIONS) - set(served)):
        check("operation %s is declared" % name, False,
              "the suite checks it but the WSDL lacks it")
    for name in served:
        if name not in SUITE_OPERATIONS:
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
    run_operations(Suite(client.service, facts), served)

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
